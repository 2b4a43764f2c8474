"""Alembic environment: migrations run on the connection (and transaction) the registry opened.

There is no alembic.ini: :mod:`qaward.registry.migrate` builds the configuration and passes the
connection in ``config.attributes["connection"]``, so an upgrade and its audit entry commit
together or not at all.
"""

from alembic import context

connection = context.config.attributes["connection"]
# render_as_batch: SQLite alters a table by copying it; later migrations stay portable.
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
