"""Demo data for the lingkungan module (filled in below)."""


def load(pemda, stdout=None):
    return None
