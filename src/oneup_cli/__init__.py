"""oneup: a command-line workout planner for bone health."""

__version__ = "0.1.0"
