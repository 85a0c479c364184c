"""The places of the app: one screen per module."""
