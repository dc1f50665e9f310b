"""Where workbooks live: the database, its schema, a page's session and the portable backup file."""
