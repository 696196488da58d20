"""A Content-Security-Policy <meta> for every built page (GitHub Pages sends no headers).

The directives are `extra.content_security_policy` in mkdocs.yml; `script-src` gets the `sha256-`
hash of every inline script the page really has. The LAST step of pipeline.py, over every `*.html`
in site_dir (404 and redirect pages too), so inline scripts other hooks add are hashed. An existing policy is replaced.
"""
from __future__ import annotations

import base64
import hashlib
import re
from mkdocs.exceptions import PluginError

from guide_data import template

# Not autoescaped: the quotes in 'self' stay readable; the template escapes & and ".
TEMPLATE = template(__file__, "content_security_policy.html", autoescape=False)
EXISTING = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
NOT_RUN = re.compile(r'\bsrc=|\btype="(?!text/javascript"|module")')  # external, or data (JSON)
HEAD = re.compile(r'<head>(\s*<meta charset="[^"]*">)?', re.I)


def policy_for(html: str, directives: dict[str, str], serving: bool = False) -> str:
    """`serving`: `mkdocs serve` adds an inline live-reload script to each page as it serves it, which no hash
    can name; script-src allows inline scripts there ('unsafe-inline' counts only where no hash is listed)."""
    hashes = ["'unsafe-inline'"] if serving else sorted({
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        for attrs, body in SCRIPT.findall(html) if not NOT_RUN.search(attrs)
    })
    directives = {**directives, "script-src": " ".join([directives.get("script-src", "'self'"), *hashes])}
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


def add_policy(html: str, page) -> str:
    """The last step of pipeline.py: every inline script is written."""
    directives = page.site.config.extra.get("content_security_policy")
    if not directives:
        return html
    head, end, body = html.partition("</head>")  # a policy counts only in <head>
    html = EXISTING.sub("", head) + end + body
    meta = TEMPLATE.render(policy=policy_for(html, directives, page.site.serving))
    fixed, found = HEAD.subn(lambda m: m.group(0) + meta, html, count=1)
    if not found:
        raise PluginError(f"{page.path}: no <head> to put the Content-Security-Policy in")
    return fixed
