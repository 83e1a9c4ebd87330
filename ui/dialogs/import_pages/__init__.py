"""The pages of the import wizard, one per file, and what they share."""
