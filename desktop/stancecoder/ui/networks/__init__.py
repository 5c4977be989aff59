"""Stance networks in the window: actor × topic, agreement, conflict or the two combined,
of one coder's codings or the consensus, drawn as a spring layout in the window's light or
dark look and exported for Gephi, igraph, networkx or R."""
