"""tests/mutate.py stays usable: every defect on its list still applies to today's tree."""
import re

import pytest

from mutate import MUTATIONS, ROOT


@pytest.mark.parametrize("name,file,old,new", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_each_mutation_applies_to_the_current_tree(name, file, old, new):
    text = (ROOT / file).read_text(encoding="utf-8")
    found = old.search(text) if isinstance(old, re.Pattern) else old in text
    assert found, f"{name}: {getattr(old, 'pattern', old)!r} is no longer in {file}; update MUTATIONS in tests/mutate.py"
