"""The agreement report in the window: compute it for a unit and round, read it tab by tab
(rounds side by side among them), and export it."""
