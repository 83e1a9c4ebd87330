"""Item models over service rows (never ORM objects)."""
