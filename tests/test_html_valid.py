"""Valid HTML: the Nu Html Checker (vnu-jar from npm, pinned in package-lock.json;
needs Java) reports no error on any built page, 404 and redirect pages included.
(Its CSP warnings are not errors: it checks 'self' against file: URLs.)"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # the Nu Html Checker (Java)

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(paths) -> list[dict]:
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing for the Nu Html Checker: `apt-get install default-jre-headless`.")
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `python3 scripts/dev.py test` (it runs `npm ci`).")
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", *map(str, paths)],
                            capture_output=True, text=True)
    return [m for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]


def test_every_built_page_is_valid_html(built_site):
    pages = sorted(built_site.rglob("*.html"))
    errors = check(pages)
    assert pages and not errors, "\n".join(
        f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors)


def test_the_checker_reports_errors(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title><input type="checkbox" autocomplete="off">')
    assert check([page]), "vnu should reject autocomplete on a checkbox"
