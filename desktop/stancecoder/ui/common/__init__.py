"""What every window part leans on: the action registry, the undo bridge to service
commands, the bus that carries every change to the open views, work off the GUI thread and
the dialog around it, error dialogs, remembered settings and the light and dark looks."""
