"""Charts: a figure of one layer's codings (stance over time, stance distribution, code
frequencies, coders side by side) in the window, following its light or dark look, and
saved for a paper as PDF, SVG or PNG."""
