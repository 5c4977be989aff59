"""Moving files in and out from the window: importing with an account of every file not
used, exporting with progress and Cancel."""
