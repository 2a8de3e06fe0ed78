"""The `readiness` command line: click lives here and nowhere else in the package."""

from readiness.cli.app import cli, main

__all__ = ["cli", "main"]
