"""What every window part leans on: the action registry, the undo bridge to service
commands, the bus that carries every change to the open views, work off the GUI thread,
error dialogs, remembered settings and the light and dark looks."""
