"""The lead's adjudication dialog: every coder's passages of one article side by side, and
the consensus written over them with its own undo."""
