"""Browser tests: the built site in Debian's Chromium, driven by Playwright.

A package (this file) so its modules get names of their own (``browser.conftest``) and never
shadow ``tests/conftest.py``, whose helpers they import.
"""
