"""Alembic environment: runs on the connection that prospector.schema hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from prospector.models import Base
from prospector.schema import include_name

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through prospector.schema, which supplies a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
