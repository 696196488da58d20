"""Language tags that say exactly what the pages are.

Material knows the Chinese pages as `zh` (its translation file), which does
not say which script they use. `extra.lang_tags` in mkdocs.yml maps a
locale to its BCP 47 tag (`zh: zh-Hans`); this hook writes that tag into the
built pages' `lang` and `hreflang` attributes. overrides/sitemap.xml reads the
same map for the sitemap's hreflang alternates.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-200)  # after every language is built (mkdocs-static-i18n runs at -100)
def on_post_build(config) -> None:
    tags = {k: v for k, v in config.extra.get("lang_tags", {}).items() if k != v}
    if not tags:
        return
    attribute = re.compile(r'\b((?:href)?lang)="(%s)"' % "|".join(map(re.escape, tags)))
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        fixed = attribute.sub(lambda m: f'{m.group(1)}="{tags[m.group(2)]}"', html)
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
