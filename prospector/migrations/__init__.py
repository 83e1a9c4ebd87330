"""Alembic migrations of the Prospector schema."""
