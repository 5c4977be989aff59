"""REFI-QDA exchange: a whole project or its codebook written for other QDA tools, and
their projects and codebooks brought in, code groups mapped to variables by a lead."""
