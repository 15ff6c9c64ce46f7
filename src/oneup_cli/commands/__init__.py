"""Larger commands, each in its own module; cli.py registers them."""
