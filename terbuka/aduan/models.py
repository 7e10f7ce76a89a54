"""Tables of the aduan app."""
