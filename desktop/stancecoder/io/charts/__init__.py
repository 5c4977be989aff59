"""The figures of the coded data for a paper, drawn with matplotlib from a chart's data
(`core.charts`): one module per kind, a style for light and dark pages that reads in
greyscale, and the file written as PDF, SVG or PNG. Only `matplotlib.figure.Figure` is
used, never pyplot, so no backend is chosen for the process and no Qt is imported here.
Importing this package imports matplotlib, which takes a while: import it when a chart is
first drawn."""
