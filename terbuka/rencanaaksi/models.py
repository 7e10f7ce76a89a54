"""Tables of the rencanaaksi app."""
