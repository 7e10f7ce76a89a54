"""The CKAN-compatible Action API of Satu Data (see docs/satudata.md)."""
