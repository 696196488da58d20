"""imagecheck.cli on the project itself: its docs/ and its built site pass, as the Pages workflow runs them."""

from __future__ import annotations

import json

from check_images_support import ROOT, mkdocs_build, run_cli


def test_real_docs_and_built_site_pass_the_pages_workflow_command(tmp_path):
    build = mkdocs_build(ROOT, tmp_path / "site", "--strict")  # the in-build hook runs here too
    assert build.returncode == 0, build.stderr[-3000:]
    result = run_cli("docs", str(tmp_path / "site"), "--no-remote", "--format", "json", cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["files"] > 20 and data["images"] > 20 and data["problems"] == []


def test_the_checker_package_and_its_entry_stay_within_600_lines():
    """The ceiling README states: non-blank lines of scripts/imagecheck/*.py and scripts/check_images.py."""
    files = [*(ROOT / "scripts" / "imagecheck").glob("*.py"), ROOT / "scripts" / "check_images.py"]
    count = sum(1 for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    assert count <= 600, f"{count} non-blank lines"
