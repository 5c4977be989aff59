"""The program's version, here in the core so that what the core writes (the agreement
report's methods paragraph) can name it; the package's `__version__` is this one."""

__version__ = "0.1.0"
