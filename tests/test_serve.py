"""`dev.py serve` behaves like a tool (overrides/hooks/serve_errors.py, scripts/dev.py): a saved page reloads
in the open browser (the page's Content-Security-Policy lets MkDocs' live-reload script run), a failed rebuild
shows its error in the browser instead of leaving every request waiting, the next good build serves the
site again, and stopping dev.py stops mkdocs serve."""
from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import serve_errors
from guide_site import BASE_PATH, ROOT, answers, free_port


@pytest.mark.slow  # mkdocs serve of a copy of the working tree (a page of it is edited)
def test_a_saved_page_reloads_in_the_open_browser(tmp_path, browser):
    copy = tmp_path / "guide"
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    port = free_port()
    url = f"http://127.0.0.1:{port}{BASE_PATH}en/limitations/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=copy, env=dict(os.environ, STRICT="false", NO_MKDOCS_2_WARNING="1"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert answers(url), f"mkdocs serve did not answer at {url}"
        page, refused = browser.new_page(), []
        page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(url)
        with (copy / "docs" / "en" / "limitations.md").open("a", encoding="utf-8") as source:
            source.write("\nA sentence saved while the page is open.\n")
        try:  # no page.reload(): MkDocs' script must reload it
            page.wait_for_function("() => document.body.innerText.includes('A sentence saved while the page is open.')",
                                   polling=100, timeout=90_000)
        except Exception:
            pytest.fail(f"the open page did not reload after a save; the browser said: {refused or 'nothing'}")
        assert not refused, refused
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, "the preview has no policy"
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def fake_server(tmp_path):
    (tmp_path / "old.html").write_text("old", encoding="utf-8")
    return SimpleNamespace(root=str(tmp_path), error_handler=lambda code: b"site 404", _wanted_epoch=7,
                           _inject_js_into_html=lambda content, epoch: content + b"<script>reload</script>")


def test_a_failed_rebuild_answers_every_url_with_its_error_and_the_next_build_recovers(tmp_path):
    server, state = fake_server(tmp_path), {"broken": True}

    def builder():
        if state["broken"]:
            logging.getLogger("mkdocs.plugins.markers").error("docs/en/x.md:3: unknown figure 'nosuch'")
            raise PluginError("Aborted with a BuildError!")

    serve_errors.on_serve(server, None, builder)
    server.builder()  # returns: MkDocs marks the build done, so no request waits
    page = server.error_handler(404)
    assert b"docs/en/x.md:3: unknown figure &#x27;nosuch&#x27;" in page and page.endswith(b"<script>reload</script>")
    assert not list(tmp_path.iterdir()), "the old site is still served"
    state["broken"] = False
    server.builder()
    assert server.error_handler(404) == b"site 404"


@pytest.mark.slow  # starts dev.py serve, which builds the site
def test_stopping_dev_py_by_its_pid_stops_mkdocs_serve():
    port = free_port()
    dev = subprocess.Popen([sys.executable, "scripts/dev.py", "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert answers(f"http://127.0.0.1:{port}{BASE_PATH}"), "dev.py serve did not answer"
    children = subprocess.run(["pgrep", "-P", str(dev.pid)], capture_output=True, text=True).stdout.split()
    assert children, "dev.py started no server"
    dev.send_signal(signal.SIGTERM)
    dev.wait(timeout=30)
    time.sleep(1)
    alive = [pid for pid in children if subprocess.run(["kill", "-0", pid], capture_output=True).returncode == 0]
    assert not alive, f"mkdocs serve ({alive}) kept running after dev.py stopped"


def test_the_log_shows_what_an_author_needs_once_without_plugin_chatter(capsys):
    """dev.py serve and build: MkDocs' lines as a real build prints them (mkdocs-static-i18n, jieba), filtered."""
    import dev
    lines = ["INFO    -  mkdocs_static_i18n: Building 'zh' documentation to directory: /tmp/x\n",
             "INFO    -  Cleaning site directory\n",
             "Building prefix dict from the default dictionary ...\n",
             "Loading model from cache /tmp/jieba.cache\n",
             "Prefix dict has been built successfully.\n",
             "INFO    -  mkdocs_static_i18n: Overriding 'en' config 'site_name' with 'GPT-4 Technical Report Guide'\n",
             "INFO    -  Doc file 'en/draft.md' has no git logs, using current timestamp\n",
             "WARNING -  missing-file: docs/en/draft.md:3: ...\n",
             "INFO    -  Documentation built in 3.02 seconds\n",
             "INFO    -  Doc file 'en/draft.md' has no git logs, using current timestamp\n",
             "WARNING -  missing-file: docs/en/draft.md:3: ...\n"]
    dev.relay(lines)
    assert capsys.readouterr().out.splitlines() == [
        "INFO    -  Doc file 'en/draft.md' has no git logs, using current timestamp",
        "WARNING -  missing-file: docs/en/draft.md:3: ...",
        "INFO    -  Documentation built in 3.02 seconds",
        "WARNING -  missing-file: docs/en/draft.md:3: ..."]
