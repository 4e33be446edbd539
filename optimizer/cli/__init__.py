"""The ``roster`` command line."""

from optimizer.cli.app import app, main

__all__ = ["app", "main"]
