"""Where the kit's inputs are read: YAML, variables, front matter, pages, git dates."""
