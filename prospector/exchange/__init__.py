"""Exchange with spreadsheets: reading, column mapping, import, export."""
