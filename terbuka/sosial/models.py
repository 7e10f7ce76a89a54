"""Tables of the sosial app."""
