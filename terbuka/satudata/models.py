"""Tables of the satudata app."""
