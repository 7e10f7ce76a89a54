"""docs/configuration.md lists every environment variable settings.py reads."""

import re
from pathlib import Path

import terbuka

ROOT = Path(terbuka.__file__).resolve().parent


def test_every_variable_is_documented():
    source = (ROOT / "settings.py").read_text()
    read = set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"(\w+)\"", source))
    docs = (ROOT.parent / "docs" / "configuration.md").read_text()
    documented = set(re.findall(r"^\| `(\w+)`", docs, flags=re.MULTILINE))

    assert len(read) > 20, "the pattern no longer finds the settings' variables"
    assert sorted(read - documented) == []
