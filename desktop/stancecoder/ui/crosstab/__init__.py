"""Crosstabs and code co-occurrence of one layer's codings, each cell leading to its
passages."""
