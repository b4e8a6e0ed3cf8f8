"""brief: a folder of news articles becomes a one-page, cited brief."""

__version__ = "0.1.0"
