"""Plain-Python core of the Social Media Policy Kit.

Nothing in this package imports MkDocs: every module takes paths and strings and returns
findings or text, so the checks survive an engine swap (MkDocs, ProperDocs). The files
directly under ``hooks/`` are the thin adapters that connect these functions to build events.

Layers: ``sources`` reads inputs, ``checks`` turns them into findings, ``output`` writes what
the site shows, ``lifecycle`` holds the commands around a build (see README.md here).
"""
