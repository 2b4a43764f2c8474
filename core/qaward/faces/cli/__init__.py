"""The ``qaward`` command line (click)."""

from qaward.faces.cli.main import cli, main

__all__ = ["cli", "main"]
