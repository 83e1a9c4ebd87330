"""Spreadsheet file formats: readers, writers, column names, cell values, safety checks."""
