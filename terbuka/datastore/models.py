"""Tables of the datastore app."""
