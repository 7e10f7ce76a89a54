"""Tables of the ikm app."""
