"""WHO LMS reference tables and the Permenkes classification tables (data only).

A package rather than a plain folder so setuptools ships the files in wheels too.
"""
