"""WHO anthropometric z-scores at array speed, with Permenkes 2/2020 categories.

Pure Python + NumPy: this package must stay importable without Django (the management
command and app config are thin, separately imported wrappers).

>>> from terbuka.growth import compute_one
>>> compute_one(sex="f", age_days=365, weight=9.0, lenhei=74.0)["zwei"]
0.05
"""

from .classes import DEFAULT_VERSION as DEFAULT_CLASSES_VERSION
from .engine import OUTPUT_COLUMNS, GrowthResult, compute, compute_one

__all__ = ["DEFAULT_CLASSES_VERSION", "OUTPUT_COLUMNS", "GrowthResult", "compute", "compute_one"]
