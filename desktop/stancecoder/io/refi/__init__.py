"""REFI-QDA files: the project's XML (`.qde`) and codebook (`.qdc`) written and read, and
the `.qdpx` archive that holds a project's XML and its sources, read as untrusted input."""
