"""Widgets more than one feature shows: the reader (article text, highlights, margin bars)
and the coding widgets (coding panel, code pickers, article form), and the figure view the
charts and networks share."""
