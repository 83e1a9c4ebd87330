"""Dialogs; each has a classmethod ask() that tests can drive."""
