"""Starting Voilà on the notebooks the way ``inkl app`` does."""
