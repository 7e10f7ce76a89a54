def load(pemda, stdout):
    pass
