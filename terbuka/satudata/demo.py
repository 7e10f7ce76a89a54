"""Demo catalog for NTB, KSB and Banggai (filled in by a later commit)."""


def load_demo(pemda, stdout):
    return None
