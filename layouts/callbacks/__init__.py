"""Callbacks, one module per page; importing this package registers them all."""

from layouts.callbacks import overview, shell

__all__ = ["overview", "shell"]
