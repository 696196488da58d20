"""Behaviour of scripts/check_images.py, the image-link checker.

Local cases: one small page per case under tests/fixtures/check_images/site/docs, a copy of the real
site's conventions (zh default at /, en at /en/, shared assets in docs/assets/).
Remote cases: one page per case under tests/fixtures/check_images/remote, checked against a real HTTP
server on 127.0.0.1 that these tests start. Nothing here touches the internet.
The last class, TestRealSite, checks the project's own docs/ and built site.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_images.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check_images"
SITE = FIXTURES / "site"
PNG = (FIXTURES / "site" / "docs" / "assets" / "figures" / "chart.png").read_bytes()

_spec = importlib.util.spec_from_file_location("check_images", SCRIPT)
ci = importlib.util.module_from_spec(_spec)
sys.modules["check_images"] = ci
_spec.loader.exec_module(ci)


def check(*paths: str, cwd: Path = SITE, **options) -> ci.Report:
    """Run the checker in-process from `cwd` (where its mkdocs.yml is)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return ci.run_check(list(paths), ci.load_config(None), ci.Options(**options))
    finally:
        os.chdir(old)


def found(report: ci.Report) -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.problem) for p in report.problems]


def run_cli(*args: str, cwd: Path = SITE, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=60,
        env={**os.environ, **(env or {})},
    )


# ---------------------------------------------------------------------------
# Local images in Markdown sources
# ---------------------------------------------------------------------------


def test_every_supported_syntax_resolves_without_problems():
    report = check("docs/zh/clean.md")
    assert found(report) == []
    # sized, inside a link, two reference-style, fragment, query, %20, <angle>, data:, localized asset,
    # admonition, details, tab, md_in_html figure
    assert report.images == 14


def test_images_shown_as_code_or_in_comments_are_not_images():
    report = check("docs/zh/code.md")
    assert report.images == 0
    assert found(report) == []


def test_missing_file_is_reported_on_its_source_line():
    report = check("docs/zh/missing.md")
    assert found(report) == [("docs/zh/missing.md", 3, "missing-file")]
    assert "docs/assets/figures/nope.png' does not exist" in report.problems[0].message


def test_wrong_letter_case_is_missing_and_names_the_real_file():
    report = check("docs/zh/case.md")
    assert found(report) == [("docs/zh/case.md", 3, "missing-file")]
    assert "assets/figures/Case.png" in report.problems[0].message
    assert "case-sensitive" in report.problems[0].message


def test_path_escaping_the_docs_folder_is_outside_root():
    assert found(check("docs/zh/outside.md")) == [("docs/zh/outside.md", 3, "outside-root")]


def test_root_absolute_path_is_reported_with_the_relative_fix():
    report = check("docs/zh/absolute.md")
    assert found(report) == [("docs/zh/absolute.md", 3, "absolute-path")]
    assert "write '../assets/figures/chart.png' instead" in report.problems[0].message


def test_empty_markdown_alt_and_html_img_without_alt_are_reported_but_decorative_alt_is_fine():
    report = check("docs/zh/alt.md")
    assert found(report) == [("docs/zh/alt.md", 3, "missing-alt"), ("docs/zh/alt.md", 4, "missing-alt")]


def test_empty_script_and_undefined_reference_addresses_are_bad_urls():
    report = check("docs/zh/bad-url.md")
    assert found(report) == [
        ("docs/zh/bad-url.md", 3, "bad-url"),
        ("docs/zh/bad-url.md", 4, "bad-url"),
        ("docs/zh/bad-url.md", 5, "bad-url"),
    ]
    assert "javascript:" in report.problems[1].message
    assert "[no-such-label]" in report.problems[2].message


def test_raw_html_img_that_works_at_root_but_not_under_en_is_missing():
    report = check("docs/zh/raw-html.md")
    assert found(report) == [("docs/zh/raw-html.md", 3, "missing-file")]
    message = report.problems[0].message
    assert "/gpt4-report-guide/en/raw-html/" in message
    assert "/gpt4-report-guide/en/assets/figures/chart.png" in message


def test_missing_srcset_candidate_is_reported_in_each_language_page():
    report = check("docs/zh/picture.md", "docs/en/picture.md")
    assert [(p.file, p.line, p.problem, p.src) for p in report.problems] == [
        ("docs/en/picture.md", 5, "missing-file", "../../assets/figures/chart@3x.png"),
        ("docs/zh/picture.md", 5, "missing-file", "../assets/figures/chart@3x.png"),
    ]
    assert report.images == 2 * 5  # <source> 2 candidates, <img> src + 2 candidates


def test_image_only_the_english_build_has_is_missing_from_the_chinese_build():
    report = check("docs/zh/cross-language.md")
    assert found(report) == [("docs/zh/cross-language.md", 3, "missing-file")]
    assert "zh (/)" in report.problems[0].message


def test_english_page_may_use_a_chinese_asset_through_the_plugin_fallback():
    assert found(check("docs/en/localized.md", "docs/zh/localized.md")) == []


def test_without_fallback_the_english_build_has_no_shared_assets(tmp_path):
    """The real site sets fallback_to_default: false; the plugin then leaves docs/assets/ out of /en/."""
    shutil.copytree(SITE, tmp_path / "site")
    config = tmp_path / "site" / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "docs_structure: folder", "docs_structure: folder\n      fallback_to_default: false"), encoding="utf-8")
    report = check("docs/en/index.md", "docs/zh/index.md", cwd=tmp_path / "site")
    assert found(report) == [("docs/en/index.md", 3, "missing-file")]
    assert "exists, but the en (/en/) build of this page does not include it" in report.problems[0].message


def test_whole_fixture_site_reports_exactly_the_planted_problems():
    report = check("docs")
    assert found(report) == [
        ("docs/en/picture.md", 5, "missing-file"),
        ("docs/zh/absolute.md", 3, "absolute-path"),
        ("docs/zh/alt.md", 3, "missing-alt"),
        ("docs/zh/alt.md", 4, "missing-alt"),
        ("docs/zh/bad-url.md", 3, "bad-url"),
        ("docs/zh/bad-url.md", 4, "bad-url"),
        ("docs/zh/bad-url.md", 5, "bad-url"),
        ("docs/zh/case.md", 3, "missing-file"),
        ("docs/zh/cross-language.md", 3, "missing-file"),
        ("docs/zh/missing.md", 3, "missing-file"),
        ("docs/zh/outside.md", 3, "outside-root"),
        ("docs/zh/picture.md", 5, "missing-file"),
        ("docs/zh/raw-html.md", 3, "missing-file"),
    ]
    assert report.files == 16


def test_large_tree_checked_in_two_processes_reports_every_problem(tmp_path):
    (tmp_path / "mkdocs.yml").write_text((SITE / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "docs" / "assets" / "a.png").write_bytes(PNG)
    for lang in ("zh", "en"):
        (tmp_path / "docs" / lang).mkdir()
        for i in range(250):
            broken = "../assets/missing.png" if i % 50 == 7 else "../assets/a.png"
            (tmp_path / "docs" / lang / f"p{i:03d}.md").write_text(f"# {i}\n\n![a]({broken})\n", encoding="utf-8")
    report = check("docs", cwd=tmp_path)
    assert report.files == 500 and report.images == 500
    assert sorted(found(report)) == sorted(
        (f"docs/{lang}/p{i:03d}.md", 3, "missing-file") for lang in ("zh", "en") for i in (7, 57, 107, 157, 207))


def test_non_utf8_file_is_unreadable_and_the_rest_is_still_checked():
    report = check("broken/docs", cwd=FIXTURES)
    assert found(report) == [("broken/docs/latin1.md", 1, "unreadable")]
    assert "line 3" in report.problems[0].message
    assert report.files == 2 and report.images == 1


def test_site_url_comes_from_the_env_tag_and_sets_the_site_path(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://docs.example.org/guide/")
    config = ci.load_config(SITE / "mkdocs.yml")
    assert config.site_path == "/guide/"
    assert [(lang.locale, lang.prefix) for lang in config.languages] == [("zh", ""), ("en", "en/")]
    assert {"admonition", "pymdownx.tabbed", "pymdownx.superfences"} <= config.extensions


def test_srcset_candidates_lose_their_descriptors():
    assert ci.parse_srcset(" a.png 1x,b%20c.png 2x , data:image/png;base64,AA== 3x,d.png") == [
        "a.png", "b%20c.png", "data:image/png;base64,AA==", "d.png",
    ]


def test_first_bytes_decide_what_is_an_image():
    assert ci.sniff_image(PNG) == "png"
    assert ci.sniff_image(b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>") == "svg"
    assert ci.sniff_image(b"<!DOCTYPE html><html><body>Not found</body></html>") is None
    assert ci.judge_image(200, "text/plain", b"<svg xmlns='http://www.w3.org/2000/svg'/>").problem == "not-an-image"


# ---------------------------------------------------------------------------
# Built HTML
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_fixture_site(tmp_path_factory):
    """The fixture site built by the real MkDocs + i18n plugin, with MkDocs' own warnings."""
    out = tmp_path_factory.mktemp("built")
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-d", str(out)], cwd=SITE, capture_output=True,
        text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def test_markdown_verdicts_agree_with_mkdocs_own_link_warnings(built_fixture_site):
    _, log = built_fixture_site
    warned = {line.split("Doc file '")[1].split("'")[0] for line in log.splitlines() if "is not found among" in line}
    report = check("docs")
    ours = {p.file.removeprefix("docs/") for p in report.problems
            if p.problem in ("missing-file", "outside-root") and "raw HTML" not in p.message
            and not p.src.startswith("../../assets") and "picture" not in p.file}
    assert ours == warned == {"zh/case.md", "zh/cross-language.md", "zh/missing.md", "zh/outside.md"}


def test_built_html_shows_the_raw_html_breakage_only_under_en(built_fixture_site):
    out, _ = built_fixture_site
    report = check(str(out))
    assert [(Path(p.file).relative_to(out).as_posix(), p.problem) for p in report.problems if "raw-html" in p.file] == [
        ("en/raw-html/index.html", "missing-file"),
    ]


def test_built_html_checks_srcset_source_and_social_images(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "a.png").write_bytes(PNG)
    (site / "index.html").write_text(
        '<html><head>\n'
        '<meta property="og:image" content="https://example.github.io/gpt4-report-guide/assets/og.png">\n'
        '<link rel="icon" href="assets/a.png">\n'
        '<script>var x = "<img src=\'ignored.png\'>";</script>\n'
        '</head><body>\n'
        '<picture><source srcset="assets/a.png 1x, assets/dark.png 2x"><img src="assets/a.png" alt="a"></picture>\n'
        '<img src="/gpt4-report-guide/assets/a.png" alt="b">\n'
        '</body></html>\n', encoding="utf-8")
    report = check(str(site))
    assert [(p.line, p.problem, p.src) for p in report.problems] == [
        (2, "missing-file", "https://example.github.io/gpt4-report-guide/assets/og.png"),
        (6, "missing-file", "assets/dark.png"),
    ]


# ---------------------------------------------------------------------------
# Remote images, against a real server on 127.0.0.1
# ---------------------------------------------------------------------------


@dataclass
class Server:
    base: str
    requests: list = field(default_factory=list)  # (method, path, referer)

    def count(self, path: str) -> Counter:
        return Counter(method for method, p, _ in self.requests if p == path)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self._route(head=True)

    def do_GET(self):
        self._route(head=False)

    def _send(self, status, ctype=None, body=b"", headers=(), head=False):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _route(self, head):
        state = self.server.state
        path = self.path.split("?")[0]
        with state["lock"]:
            state["server"].requests.append((self.command, path, self.headers.get("Referer")))
            state["hits"][path] += 1
            hits = state["hits"][path]
            state["in_flight"] += 1
            state["max_in_flight"] = max(state["max_in_flight"], state["in_flight"])
        try:
            if path in ("/image.png", "/shared.png"):
                self._send(200, "image/png", PNG, head=head)
            elif path.startswith("/slow-"):
                time.sleep(0.1)
                self._send(200, "image/png", PNG, head=head)
            elif path == "/redirect.png":
                self._send(302, headers=[("Location", "/image.png")], head=head)
            elif path == "/loop-a.png":
                self._send(302, headers=[("Location", "/loop-b.png")], head=head)
            elif path == "/loop-b.png":
                self._send(301, headers=[("Location", "/loop-a.png")], head=head)
            elif path == "/stall.png":
                state["release"].wait(10)
                self.close_connection = True
            elif path == "/head-refused.png":
                if self.command == "HEAD":
                    self._send(405, head=True)
                else:
                    self._send(200, "image/png", PNG)
            elif path == "/hotlink.png":
                if self.headers.get("Referer"):
                    self._send(403, "text/html", b"<html>Hotlinking not allowed</html>", head=head)
                else:
                    self._send(200, "image/png", PNG, head=head)
            elif path == "/busy.png":
                if hits == 1:
                    self._send(429, "text/plain", b"slow down", [("Retry-After", "1")], head=head)
                else:
                    self._send(200, "image/png", PNG, head=head)
            elif path == "/page.png":
                self._send(200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body>Sorry</body></html>",
                           head=head)
            elif path == "/error.png":
                self._send(500, "text/plain", b"boom", head=head)
            else:
                self._send(404, "text/plain", b"not found", head=head)
        finally:
            with state["lock"]:
                state["in_flight"] -= 1


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    handle = Server(f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.state = {"lock": threading.Lock(), "hits": Counter(), "release": threading.Event(), "server": handle,
                   "in_flight": 0, "max_in_flight": 0}
    handle.state = httpd.state
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield handle
    httpd.state["release"].set()
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def remote_page(tmp_path: Path, server: Server, name: str) -> Path:
    text = (FIXTURES / "remote" / f"{name}.md").read_text(encoding="utf-8")
    text = text.replace("http://HOST", server.base).replace("CLOSED_PORT", str(closed_port()))
    page = tmp_path / f"{name}.md"
    page.write_text(text, encoding="utf-8")
    return page


def check_remote(tmp_path, server, name, **options) -> ci.Report:
    options.setdefault("timeout", 5.0)
    return check(str(remote_page(tmp_path, server, name)), **options)


def codes(report: ci.Report) -> list[tuple[int, str]]:
    return [(p.line, p.problem) for p in report.problems]


def test_remote_image_answering_with_an_image_is_fine(tmp_path, server):
    report = check_remote(tmp_path, server, "ok")
    assert codes(report) == []
    assert server.requests == [("HEAD", "/image.png", "https://example.github.io/gpt4-report-guide/")]


def test_redirect_is_followed_to_the_image(tmp_path, server):
    assert codes(check_remote(tmp_path, server, "redirect")) == []
    assert [(m, p) for m, p, _ in server.requests] == [("HEAD", "/redirect.png"), ("HEAD", "/image.png")]


def test_redirect_loop_is_unreachable_and_named(tmp_path, server):
    report = check_remote(tmp_path, server, "loop")
    assert codes(report) == [(3, "unreachable")]
    assert "redirect loop" in report.problems[0].message
    assert len(server.requests) == 2  # HEAD a, HEAD b: the loop is seen without a third request


def test_stalled_server_times_out(tmp_path, server):
    started = time.monotonic()
    report = check_remote(tmp_path, server, "stall", timeout=0.5)
    assert codes(report) == [(3, "timeout")]
    assert "0.5 s" in report.problems[0].message
    assert time.monotonic() - started < 3


def test_refused_head_falls_back_to_get(tmp_path, server):
    assert codes(check_remote(tmp_path, server, "head-refused")) == []
    assert [m for m, _, _ in server.requests] == ["HEAD", "GET"]


def test_image_refused_with_the_site_as_referer_is_hotlink_blocked(tmp_path, server):
    report = check_remote(tmp_path, server, "hotlink")
    assert codes(report) == [(3, "hotlink-blocked")]
    assert "403" in report.problems[0].message
    referers = [ref for _, _, ref in server.requests]
    assert referers[0] == "https://example.github.io/gpt4-report-guide/" and referers[-1] is None


def test_rate_limited_image_is_retried_after_retry_after(tmp_path, server):
    started = time.monotonic()
    assert codes(check_remote(tmp_path, server, "busy")) == []
    assert server.count("/busy.png") == Counter({"HEAD": 2})
    assert time.monotonic() - started >= 1.0


def test_html_answer_is_not_an_image(tmp_path, server):
    report = check_remote(tmp_path, server, "html")
    assert codes(report) == [(3, "not-an-image")]
    assert "HTML page" in report.problems[0].message
    assert server.count("/page.png") == Counter({"HEAD": 1, "GET": 2})  # with Referer, then without


def test_server_error_is_an_http_error_with_its_status(tmp_path, server):
    report = check_remote(tmp_path, server, "error")
    assert codes(report) == [(3, "http-error")]
    assert "HTTP 500" in report.problems[0].message


def test_refused_port_is_unreachable(tmp_path, server):
    report = check_remote(tmp_path, server, "refused")
    assert codes(report) == [(3, "unreachable")]
    assert "refused" in report.problems[0].message


def test_one_url_used_many_times_is_fetched_once(tmp_path, server):
    report = check_remote(tmp_path, server, "shared")
    assert codes(report) == []
    assert report.images == 6
    assert server.count("/shared.png") == Counter({"HEAD": 1})
    assert server.count("/image.png") == Counter({"HEAD": 1})


def test_failure_is_reported_at_every_use_of_the_url(tmp_path, server):
    page = tmp_path / "twice.md"
    page.write_text(f"![a]({server.base}/error.png)\n\n![b]({server.base}/error.png)\n", encoding="utf-8")
    report = check(str(page), timeout=5.0)
    assert codes(report) == [(1, "http-error"), (3, "http-error")]
    assert server.count("/error.png") == Counter({"HEAD": 1, "GET": 1})


def test_missing_remote_image_is_an_http_error_after_one_head(tmp_path, server):
    page = tmp_path / "gone.md"
    page.write_text(f"# Gone\n\n![Gone]({server.base}/no-such-image.png)\n", encoding="utf-8")
    report = check(str(page), timeout=5.0)
    assert codes(report) == [(3, "http-error")]
    assert "HTTP 404" in report.problems[0].message
    assert server.count("/no-such-image.png") == Counter({"HEAD": 1})


def test_requests_to_one_host_respect_the_concurrency_limit(tmp_path, server):
    page = tmp_path / "many.md"
    page.write_text("".join(f"![{i}]({server.base}/slow-{i}.png)\n" for i in range(12)), encoding="utf-8")
    assert codes(check(str(page), concurrency=3)) == []
    assert server.state["max_in_flight"] == 3


def test_offline_contacts_no_host_and_counts_remote_images_as_skipped(tmp_path, server):
    report = check_remote(tmp_path, server, "shared", offline=True)
    assert codes(report) == [] and report.skipped == 6
    assert server.requests == []


def test_no_remote_reports_every_remote_image(tmp_path, server):
    report = check_remote(tmp_path, server, "ok", no_remote=True)
    assert codes(report) == [(3, "remote-image")]
    assert server.requests == []


def test_cache_remembers_good_results_until_they_are_too_old(tmp_path, server):
    cache = tmp_path / "cache.json"
    check_remote(tmp_path, server, "ok", cache=cache)
    check_remote(tmp_path, server, "ok", cache=cache)
    assert len(server.requests) == 1
    check_remote(tmp_path, server, "ok", cache=cache, cache_max_age=0.0)
    assert len(server.requests) == 2


# ---------------------------------------------------------------------------
# The command line, end to end
# ---------------------------------------------------------------------------


def test_cli_exits_0_and_prints_a_summary_when_all_is_well():
    result = run_cli("docs/zh/clean.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "checked 14 images in 1 files: 0 problems\n"


def test_cli_text_line_names_file_line_code_src_and_fix():
    result = run_cli("docs/zh/missing.md")
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("docs/zh/missing.md:3: missing-file: ../assets/figures/nope.png — ")
    assert result.stdout.splitlines()[-1] == "checked 1 images in 1 files: 1 problem (1 missing-file)"


def test_cli_json_has_the_documented_shape():
    result = run_cli("--format", "json", "docs/zh/alt.md")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) == {"files", "images", "skipped", "problems"}
    assert (data["files"], data["images"], data["skipped"]) == (1, 3, 0)
    assert [set(p) for p in data["problems"]] == [{"file", "line", "src", "problem", "message"}] * 2
    assert [(p["file"], p["line"], p["problem"]) for p in data["problems"]] == [
        ("docs/zh/alt.md", 3, "missing-alt"), ("docs/zh/alt.md", 4, "missing-alt")]


def test_cli_github_format_annotates_and_appends_the_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_cli("--format", "github", "docs/zh/missing.md", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=docs/zh/missing.md,line=3,title=image%3A missing-file::../assets/figures/nope.png — ")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Image check\n")
    assert "| `docs/zh/missing.md` | 3 | `missing-file` | `../assets/figures/nope.png` |" in text


@pytest.mark.parametrize(
    ("args", "cwd", "says"),
    [
        (["no/such/folder"], SITE, "path 'no/such/folder' does not exist"),
        (["--config", "bad-config/mkdocs.yml", "broken/docs"], FIXTURES, "bad-config/mkdocs.yml:4': invalid YAML"),
        (["--config", "missing.yml"], SITE, "config file 'missing.yml' does not exist"),
        (["--timeout", "0"], SITE, "must be greater than 0"),
        (["--format", "xml"], SITE, "invalid choice"),
        (["--offline", "--no-remote"], SITE, "not allowed with argument"),
    ],
)
def test_cli_exits_2_with_a_plain_message_when_it_cannot_run(args, cwd, says):
    result = run_cli(*args, cwd=cwd)
    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_reports_a_non_utf8_file_without_a_traceback():
    result = run_cli("broken/docs", cwd=FIXTURES)
    assert result.returncode == 1
    assert "broken/docs/latin1.md:1: unreadable:" in result.stdout
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------
# Site-level: the project's own docs/ and built site (slower: runs a real MkDocs build)
# ---------------------------------------------------------------------------


class TestRealSite:
    """The site itself passes the checker in --no-remote mode (its policy: it serves its own images)."""

    def _require_site(self):
        assert (ROOT / "mkdocs.yml").is_file(), "mkdocs.yml is missing at the repository root"
        for lang in ("zh", "en"):
            pages = list((ROOT / "docs" / lang).glob("**/*.md")) if (ROOT / "docs" / lang).is_dir() else []
            assert pages, f"docs/{lang}/ has no Markdown pages: nothing to check"

    def test_real_docs_pass_with_no_remote(self):
        self._require_site()
        result = run_cli("--no-remote", "--format", "json", "docs", cwd=ROOT)
        assert result.returncode in (0, 1), result.stderr
        data = json.loads(result.stdout)
        assert data["files"] > 0
        assert data["problems"] == []

    def test_real_built_site_passes_with_no_remote(self, tmp_path):
        self._require_site()
        out = tmp_path / "site"
        build = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-d", str(out)], cwd=ROOT,
            capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert build.returncode == 0, build.stderr[-3000:]
        result = run_cli("--no-remote", "--format", "json", str(out), cwd=ROOT)
        assert result.returncode in (0, 1), result.stderr
        data = json.loads(result.stdout)
        assert data["files"] > 0 and data["images"] > 0
        assert data["problems"] == []
