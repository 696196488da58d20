"""Local checks: does the URL an image asks for exist in the output tree, seen from the page's URL?"""

import posixpath
from urllib.parse import unquote, urlsplit

from .collect import Page, Site


def classify(src: str, site_url: str) -> tuple[str, str]:
    """(kind, detail): kind is local, self (under our own site_url), remote, data or bad."""
    src = src.strip()  # browsers strip surrounding whitespace
    if not src or "\\" in src:
        return "bad", "the image address " + ("contains a backslash; use forward slashes" if src else "is empty")
    try:
        parts = urlsplit(src)
    except ValueError as err:
        return "bad", f"the image address is not a valid URL ({err})"
    scheme = parts.scheme.lower()
    if scheme == "data":
        return "data", ""
    if site_url and src.startswith(site_url.rstrip("/") + "/"):
        return "self", parts.path
    if src.startswith("//"):
        return "remote", "https:" + src
    if scheme in ("http", "https"):
        return ("remote", src) if parts.hostname else ("bad", "the image address has no host name")
    if scheme:
        return "bad", f"a '{scheme}:' address cannot be shown as an image"
    return "local", ""


def check(src: str, page: Page, site: Site, markdown: bool, self_url: bool = False) -> tuple[str, str] | None:
    """None when the image is there. markdown: written as a Markdown image (MkDocs rewrites its path)."""
    path = unquote(urlsplit(src.strip()).path)
    if not path:
        return "bad-url", "the image address has no file path, only a query or fragment"
    if path.startswith("/"):
        if not path.startswith(site.path):
            return "absolute-path", (f"on the published site this asks for {path}, outside the site's path "
                                     f"{site.path}{_fix(path[1:], page, site, markdown)}")
        target = path[len(site.path):]
    else:
        target = posixpath.normpath(posixpath.join(page.url_dir, path))
        if target == ".." or target.startswith("../"):
            return "outside-root", (f"from the page's URL /{page.url_dir} it leads outside the site"
                                    f"{_fix(posixpath.basename(target), page, site, markdown)}")
    if target in site.files:
        return ("not-an-image", f"'{target}' is a page, not an image") if target.endswith((".html", ".md")) else None
    return "absolute-path" if path.startswith("/") and not self_url else "missing-file", (f"the built site has no "
        f"'{target}' (asked for from the page's URL /{page.url_dir}){_fix(target, page, site, markdown)}")


def _fix(target: str, page: Page, site: Site, markdown) -> str:
    """Advice that works: the path to write, from where MkDocs (Markdown) or the browser (raw HTML) starts."""
    found = site.similar(target)
    if found is None:
        return "; no published file has that name: add the image under the docs folder, or fix the path"
    case = "; only the case differs (GitHub Pages is case-sensitive)" if found.lower() == target.lower() != found else ""
    source = page.dest_to_src.get(found)
    relative = source and posixpath.relpath(source, posixpath.dirname(page.src_uri) or ".")
    if source and page.src_uri and markdown:
        return f"; a file '{source}' exists{case} — write '{relative}'"
    if source and page.shared:
        return (f"; a file '{source}' exists{case}, but this raw HTML is shown at several URLs — use Markdown "
                f"image syntax ![alt]({relative}) so MkDocs writes the right path on each")
    return f"; the site has '{found}'{case} — write '{posixpath.relpath(found, page.url_dir or '.')}'"


def alt_problem(alt: str | None, markdown: bool) -> str | None:
    if markdown or alt is None:
        return "the image has no alt text; describe it for screen readers: ![what it shows](...)" if markdown else \
            "the <img> has no alt attribute; describe the image, or write alt=\"\" if it is decorative"
