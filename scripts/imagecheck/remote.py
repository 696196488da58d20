"""Remote checks: each distinct URL fetched once, politely, until its first bytes prove it is an image."""

import asyncio
import json
import sys
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from . import UsageError

SNIFF_BYTES, REDIRECT_LIMIT, RETRY_LIMIT, RETRY_AFTER_MAX = 512, 10, 2, 10.0
HEADERS = {"User-Agent": "Mozilla/5.0 (compatible; check_images; +https://www.mkdocs.org/)",
           "Accept": "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"}
MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"GIF87a": "gif", b"GIF89a": "gif", b"BM": "bmp",
         b"\x00\x00\x01\x00": "ico", b"\x00\x00\x02\x00": "ico", b"II*\x00": "tiff", b"MM\x00*": "tiff",
         b"\xff\x0a": "jxl", b"\x00\x00\x00\x0cJXL \r\n\x87\n": "jxl"}


@dataclass
class Verdict:
    ok: bool
    problem: str = ""
    message: str = ""
    status: int = 0  # the HTTP status behind an http-error


def sniff_image(head: bytes) -> str | None:
    found = [fmt for magic, fmt in MAGIC.items() if head.startswith(magic)]
    if found or head[:4] == b"RIFF" and head[8:12] == b"WEBP" or head[4:8] == b"ftyp" and head[8:12] in (
            b"avif", b"avis", b"heic", b"heix", b"mif1", b"msf1"):
        return found[0] if found else "webp/avif"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in text and b"<html" not in text:
        return "svg"


def judge_image(status: int, content_type: str, head: bytes) -> Verdict:
    """Verdict on a 2xx answer to a GET, from its first bytes."""
    ctype = content_type.split(";")[0].strip().lower()
    fmt = sniff_image(head)
    if fmt == "svg" and ctype != "image/svg+xml":
        return Verdict(False, "not-an-image", f"the SVG is served as '{ctype or 'no Content-Type'}'; browsers only "
                       "show SVG in <img> when it is served as image/svg+xml")
    html = ctype == "text/html" or b"<html" in head.lower() or head.lstrip().lower().startswith(b"<!doctype html")
    what = "an empty body" if not head else "an HTML page" if html else f"'{ctype or 'unknown content'}'"
    return Verdict(bool(fmt), "" if fmt else "not-an-image", f"the server answers {status} with {what}, not an image")


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    if not value or value.strip().isdigit():
        return float(value) if value else None
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - (now if now is not None else time.time()))
    except (TypeError, ValueError, IndexError):
        return None


class Checker:
    def __init__(self, timeout: float, concurrency: int):
        self.timeout, self.concurrency, self.limits = timeout, concurrency, {}

    async def request(self, client, method: str, url: str, referer: str | None):
        """One request, redirects followed by hand: (status, content type, first bytes, final URL)."""
        headers = dict(HEADERS, **({"Referer": referer} if referer else {}))
        seen = [url]
        for _ in range(REDIRECT_LIMIT + 1):
            for retry in range(RETRY_LIMIT + 1):
                async with (self.limits.setdefault(urlsplit(url).netloc.lower(), asyncio.Semaphore(self.concurrency)),
                            asyncio.timeout(self.timeout)):
                    response, head = await client.send(client.build_request(method, url, headers=headers),
                                                       stream=True), b""
                    if method == "GET":
                        async for head in response.aiter_bytes(SNIFF_BYTES):
                            break  # the first bytes are enough to tell an image
                    await response.aclose()
                wait = parse_retry_after(response.headers.get("retry-after"))
                if response.status_code not in (429, 503) or retry == RETRY_LIMIT or (wait or 0) > RETRY_AFTER_MAX:
                    break
                await asyncio.sleep(1.0 if wait is None else wait)
            if response.status_code not in (301, 302, 303, 307, 308) or "location" not in response.headers:
                return response.status_code, response.headers.get("content-type", ""), head, url
            url = urljoin(url, response.headers["location"])
            if url in seen:
                raise httpx.TooManyRedirects("redirect loop: " + " → ".join(seen + [url]))
            seen.append(url)
        raise httpx.TooManyRedirects(f"more than {REDIRECT_LIMIT} redirects, starting at {seen[0]}")

    async def attempt(self, client, url: str, referer: str | None, head_first: bool = True) -> Verdict:
        """HEAD first; GET when HEAD is refused or does not say 'image' (404/410 are final)."""
        if head_first:
            status, ctype, _, final = await self.request(client, "HEAD", url, referer)
            if 200 <= status < 300 and ctype.strip().lower().startswith("image/"):
                return Verdict(True)
            if status in (404, 410):
                return _http_error(status, url, final)
        status, ctype, head, final = await self.request(client, "GET", url, referer)
        return judge_image(status, ctype, head) if 200 <= status < 300 else _http_error(status, url, final)

    async def check(self, client, url: str, referer: str) -> Verdict:
        try:
            verdict = await self.attempt(client, url, referer)
            if verdict.status in (401, 403, 451) or verdict.problem == "not-an-image":
                if (await self.attempt(client, url, None, head_first=False)).ok:  # as a bare request would
                    return Verdict(False, "hotlink-blocked", f"the host refuses the image when a reader's browser "
                                   f"sends this site's page as Referer ({verdict.message}), but serves it without "
                                   "one: it blocks hotlinking — copy the image into docs/assets/ (check its licence) "
                                   "and link the local copy")
            return verdict
        except (TimeoutError, httpx.TimeoutException):
            return Verdict(False, "timeout", f"no answer within {self.timeout:g} s")
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as err:  # TooManyRedirects: raised above
            return Verdict(False, "unreachable", str(err) if isinstance(err, httpx.TooManyRedirects) else
                           f"could not connect: {_reason(err)}" if isinstance(err, httpx.ConnectError) else
                           f"could not fetch it: {err!r}")

    async def check_all(self, urls: dict[str, str]) -> dict[str, Verdict]:
        """urls: URL -> Referer (the published page that shows it first). Async-native: await it in a loop."""
        limits = httpx.Limits(max_connections=None, max_keepalive_connections=64)
        async with httpx.AsyncClient(limits=limits, timeout=self.timeout, follow_redirects=False) as client:
            results = await asyncio.gather(*(self.check(client, url, ref) for url, ref in urls.items()))
        return dict(zip(urls, results))


def check_urls(urls: dict[str, str], timeout: float, concurrency: int) -> dict[str, Verdict]:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(Checker(timeout, concurrency).check_all(urls))
    raise UsageError("an event loop is already running here (never a thread around it): await "
                     "Checker(timeout, concurrency).check_all(urls) instead")


def _http_error(status: int, url: str, final: str) -> Verdict:
    where = f" (after redirects, at {final})" if final != url else ""
    return Verdict(False, "http-error", f"the server answers HTTP {status}{where}", status)


def _reason(err: BaseException | None) -> str:
    first, text = str(err), ""
    while err is not None:  # the plain words are at the end of the exception chain
        text, err = f"{text} {type(err).__name__} {err}".lower(), err.__cause__ or err.__context__
    return "connection refused (nothing listens on that port)" if "refused" in text or "errno 111" in text else \
        "host name not found (DNS)" if "gaierror" in text else first


def load_cache(path, max_age: float) -> dict[str, float]:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["good"] if path and path.is_file() else {}
        return {url: float(at) for url, at in entries.items() if time.time() - float(at) <= max_age}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        print(f"warning: ignoring unreadable cache file '{path}'", file=sys.stderr)
        return {}


def save_cache(path, good: dict[str, float]) -> None:
    try:
        path.write_text(json.dumps({"version": 1, "good": good}, indent=0, sort_keys=True), encoding="utf-8")
    except OSError as err:
        print(f"warning: could not write cache file '{path}': {err.strerror}", file=sys.stderr)
