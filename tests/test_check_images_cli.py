"""imagecheck.cli on the project itself: its docs/ and its built site pass, as the Pages workflow runs them."""

from __future__ import annotations

import json

from check_images_support import ROOT, run_cli
from guide_site import SITE_URL


def test_real_docs_and_built_site_pass_the_pages_workflow_command(built_site):
    """As pages.yml: the strict build with SITE_URL (the suite's shared one, where the in-build hook ran), then the
    command on docs/ and that site with the same SITE_URL."""
    result = run_cli("docs", str(built_site), "--no-remote", "--format", "json", cwd=ROOT, timeout=600,
                     env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["files"] > 20 and data["images"] > 20 and data["problems"] == []


def test_the_checker_package_and_its_entry_stay_within_600_lines():
    """The ceiling README states: non-blank lines of scripts/imagecheck/*.py and scripts/check_images.py."""
    files = [*(ROOT / "scripts" / "imagecheck").glob("*.py"), ROOT / "scripts" / "check_images.py"]
    count = sum(1 for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    assert count <= 600, f"{count} non-blank lines"
