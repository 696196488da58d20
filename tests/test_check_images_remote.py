"""imagecheck.remote: each remote case is one page under tests/fixtures/check_images/remote, checked by the
command line (a subprocess: no event loop of this process is involved) against a real HTTP server on
127.0.0.1 that these tests start. Nothing here touches the internet."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from check_images_support import FIXTURES, PNG, run_cli
from imagecheck import UsageError, remote

REFERER = "https://example.github.io/gpt4-report-guide/"


@dataclass
class Server:
    base: str
    requests: list = field(default_factory=list)  # (method, path, referer)
    state: dict = field(default_factory=dict)

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
    httpd.state = handle.state = {"lock": threading.Lock(), "hits": Counter(), "release": threading.Event(),
                                  "server": handle, "in_flight": 0, "max_in_flight": 0}
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


def page(tmp_path: Path, server: Server, name: str) -> Path:
    text = (FIXTURES / "remote" / f"{name}.md").read_text(encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    target = tmp_path / "docs" / "index.md"
    target.write_text(text.replace("http://HOST", server.base).replace("CLOSED_PORT", str(closed_port())),
                      encoding="utf-8")
    return target


def check(tmp_path: Path, *args: str, timeout: str = "5") -> dict:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Remote\nsite_url: {REFERER}\n", encoding="utf-8")
    result = run_cli("--format", "json", "--timeout", timeout, *args, "docs", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def check_page(tmp_path, server, name, *args, **kw) -> dict:
    page(tmp_path, server, name)
    return check(tmp_path, *args, **kw)


def codes(report: dict) -> list[tuple[int, str]]:
    return [(p["line"], p["problem"]) for p in report["problems"]]


def test_remote_image_answering_with_an_image_is_fine(tmp_path, server):
    assert codes(check_page(tmp_path, server, "ok")) == []
    assert server.requests == [("HEAD", "/image.png", REFERER)]  # the page's URL is the Referer


def test_redirect_is_followed_to_the_image(tmp_path, server):
    assert codes(check_page(tmp_path, server, "redirect")) == []
    assert [(m, p) for m, p, _ in server.requests] == [("HEAD", "/redirect.png"), ("HEAD", "/image.png")]


def test_redirect_loop_is_unreachable_and_named(tmp_path, server):
    report = check_page(tmp_path, server, "loop")
    assert codes(report) == [(3, "unreachable")]
    assert "redirect loop" in report["problems"][0]["message"]
    assert len(server.requests) == 2  # HEAD a, HEAD b: the loop is seen without a third request


def test_stalled_server_times_out(tmp_path, server):
    report = check_page(tmp_path, server, "stall", timeout="0.5")
    assert codes(report) == [(3, "timeout")]
    assert "0.5 s" in report["problems"][0]["message"]


def test_refused_head_falls_back_to_get(tmp_path, server):
    assert codes(check_page(tmp_path, server, "head-refused")) == []
    assert [m for m, _, _ in server.requests] == ["HEAD", "GET"]


def test_image_refused_with_the_site_as_referer_is_hotlink_blocked(tmp_path, server):
    report = check_page(tmp_path, server, "hotlink")
    assert codes(report) == [(3, "hotlink-blocked")]
    assert "403" in report["problems"][0]["message"]
    referers = [ref for _, _, ref in server.requests]
    assert referers[0] == REFERER and referers[-1] is None


def test_rate_limited_image_is_retried_after_retry_after(tmp_path, server):
    started = time.monotonic()
    assert codes(check_page(tmp_path, server, "busy")) == []
    assert server.count("/busy.png") == Counter({"HEAD": 2})
    assert time.monotonic() - started >= 1.0


def test_html_answer_is_not_an_image(tmp_path, server):
    report = check_page(tmp_path, server, "html")
    assert codes(report) == [(3, "not-an-image")]
    assert "HTML page" in report["problems"][0]["message"]
    assert server.count("/page.png") == Counter({"HEAD": 1, "GET": 2})  # with Referer, then without


def test_server_error_is_an_http_error_with_its_status(tmp_path, server):
    report = check_page(tmp_path, server, "error")
    assert codes(report) == [(3, "http-error")]
    assert "HTTP 500" in report["problems"][0]["message"]


def test_refused_port_is_unreachable(tmp_path, server):
    report = check_page(tmp_path, server, "refused")
    assert codes(report) == [(3, "unreachable")]
    assert "refused" in report["problems"][0]["message"]


def test_one_url_used_many_times_is_fetched_once_and_a_failure_reported_at_every_use(tmp_path, server):
    report = check_page(tmp_path, server, "shared")
    assert codes(report) == [] and report["images"] == 6 + 1  # the theme's favicon too
    assert server.count("/shared.png") == Counter({"HEAD": 1})
    assert server.count("/image.png") == Counter({"HEAD": 1})
    (tmp_path / "docs" / "index.md").write_text(f"![a]({server.base}/error.png)\n\n![b]({server.base}/error.png)\n",
                                                encoding="utf-8")
    assert codes(check(tmp_path)) == [(1, "http-error"), (3, "http-error")]
    assert server.count("/error.png") == Counter({"HEAD": 1, "GET": 1})


def test_missing_remote_image_is_an_http_error_after_one_head(tmp_path, server):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(f"# Gone\n\n![Gone]({server.base}/no-such.png)\n", encoding="utf-8")
    report = check(tmp_path)
    assert codes(report) == [(3, "http-error")] and "HTTP 404" in report["problems"][0]["message"]
    assert server.count("/no-such.png") == Counter({"HEAD": 1})


def test_requests_to_one_host_respect_the_concurrency_limit(tmp_path, server):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("".join(f"![{i}]({server.base}/slow-{i}.png)\n" for i in range(12)),
                                                encoding="utf-8")
    assert codes(check(tmp_path, "--concurrency", "3")) == []
    assert server.state["max_in_flight"] == 3


def test_offline_contacts_no_host_and_counts_remote_images_as_skipped(tmp_path, server):
    report = check_page(tmp_path, server, "shared", "--offline")
    assert codes(report) == [] and report["skipped"] == 6
    assert server.requests == []


def test_no_remote_reports_every_remote_image(tmp_path, server):
    assert codes(check_page(tmp_path, server, "ok", "--no-remote")) == [(3, "remote-image")]
    assert server.requests == []


def test_cache_remembers_good_results_until_they_are_too_old(tmp_path, server):
    cache = str(tmp_path / "cache.json")
    check_page(tmp_path, server, "ok", "--cache", cache)
    check(tmp_path, "--cache", cache)
    assert len(server.requests) == 1
    check(tmp_path, "--cache", cache, "--cache-max-age", "0")
    assert len(server.requests) == 2


def test_first_bytes_decide_what_is_an_image():
    assert remote.sniff_image(PNG) == "png"
    assert remote.sniff_image(b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>") == "svg"
    assert remote.sniff_image(b"<!DOCTYPE html><html><body>Not found</body></html>") is None
    assert remote.judge_image(200, "text/plain", b"<svg xmlns='http://www.w3.org/2000/svg'/>").problem == "not-an-image"


def test_retry_after_accepts_seconds_and_http_dates():
    assert remote.parse_retry_after("3") == 3.0
    assert remote.parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412485.0) == 5.0
    assert remote.parse_retry_after("soon") is None


def test_inside_a_running_event_loop_it_says_to_await_instead_of_spinning_a_thread():
    def call():
        with pytest.raises(UsageError, match="await Checker"):
            remote.check_urls({"http://127.0.0.1:9/a.png": REFERER}, 1.0, 1)

    async def inside():
        call()

    if asyncio._get_running_loop() is None:  # noqa: SLF001 - a test may already run in Playwright's loop
        asyncio.run(inside())
    else:
        call()
