"""StanceCoder: manual content analysis of news."""

__version__ = "0.1.0"
