"""Tables of the posyandu app."""
