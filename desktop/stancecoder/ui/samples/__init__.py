"""Samples and assignments, for the lead: draw a reliability round, close it, split the rest
of the corpus among the coders, and see each coder's progress."""
