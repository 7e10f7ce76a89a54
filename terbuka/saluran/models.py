"""Tables of the saluran app."""
