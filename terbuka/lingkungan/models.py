"""Tables of the lingkungan app."""
