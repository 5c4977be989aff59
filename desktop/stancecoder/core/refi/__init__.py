"""REFI-QDA, the exchange standard of qualitative data analysis tools, without files or a
database: the project as plain data, stable GUIDs, unique code names, the mapping of code
groups to variables, and the positions other tools count in."""
