"""Terbuka: open-government platform for Indonesian regional governments."""

__version__ = "0.1.0"
