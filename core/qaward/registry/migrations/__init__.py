"""Alembic migrations of the registry schema (run by ``qaward registry init``)."""
