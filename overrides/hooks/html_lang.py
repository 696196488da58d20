"""Language tags that say exactly what the pages are: `lang`/`hreflang` from `extra.lang_tags`.

Material knows the Chinese pages as `zh` (its translation file), which does not say which script
they use; `extra.lang_tags` maps a locale to its BCP 47 tag (`zh: zh-Hans`), and this hook writes
that tag into the built pages. overrides/sitemap.xml reads the same map.
"""
from __future__ import annotations

import re


def fix(html: str, page) -> str:
    """A step of pipeline.py, over every built page: every attribute whose name ends in `lang` (lang,
    hreflang, xml:lang) and holds a locale whose tag differs."""
    tags = page.site.config.extra["lang_tags"]  # one per language (parallel_view.py and sitemap.xml need them too)
    differ = [locale for locale, tag in tags.items() if tag != locale]
    if not differ:
        return html
    attribute = re.compile(r'lang="(%s)"' % "|".join(map(re.escape, differ)))  # a literal start: a fast scan
    return attribute.sub(lambda m: f'lang="{tags[m[1]]}"', html)
