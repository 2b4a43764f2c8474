"""The HTTP face: ``qaward serve`` (Starlette on uvicorn), calling :mod:`qaward.ops` only."""
