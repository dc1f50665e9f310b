"""What each notebook shows: the start page, the steps and the export page, built from widgets."""
