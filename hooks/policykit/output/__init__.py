"""What the kit writes into the site: HTML snippets, the Coverage page, the print book, version tables."""
