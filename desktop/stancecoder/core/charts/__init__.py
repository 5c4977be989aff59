"""A chart's data: the numbers a figure of the coded data plots (mean stance per period
with its interval and n, stance distributions, code frequencies, coders side by side),
computed from plain passages without a database or a plotting library, so each figure can
be checked against the raw rows."""
