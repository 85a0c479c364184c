"""werf: structured intervision sessions for social-care teams, in the terminal."""

__version__ = "0.1.0"
