"""Retrieval: every passage matching filters across the corpus, opened in the window."""
