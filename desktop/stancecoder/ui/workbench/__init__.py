"""The coding workbench: the main window with its article list, reader and passage list,
the way in (launcher, welcome screen, who is coding), and the actions that open every other
feature."""
