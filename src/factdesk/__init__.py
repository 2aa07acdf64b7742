"""factdesk: a fact-check desk in the terminal."""

__version__ = "0.1.0"
