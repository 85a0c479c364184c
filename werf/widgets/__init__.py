"""Reusable parts of the screens."""
