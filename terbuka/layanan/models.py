"""Tables of the layanan app."""
