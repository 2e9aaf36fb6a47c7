"""Commands around the build: publish, PDF, new organisation, the command line."""
