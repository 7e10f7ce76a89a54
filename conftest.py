import os

# Tests never touch the developer's own var/ files or a real queue unless a test asks for it.
os.environ.setdefault("TERBUKA_ENV", "test")
os.environ.setdefault("QUEUE_IMMEDIATE", "1")
