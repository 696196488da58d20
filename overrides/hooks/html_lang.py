"""Language tags that say exactly what the pages are.

Material knows the Chinese pages as `zh` (its translation file), which does
not say which script they use. `extra.lang_tags` in mkdocs.yml maps a
locale to its BCP 47 tag (`zh: zh-Hans`); this hook writes that tag into the
built pages' `lang` and `hreflang` attributes. overrides/sitemap.xml reads the
same map for the sitemap's hreflang alternates.
"""
from __future__ import annotations

import re

from mkdocs.plugins import event_priority

from guide_data import rewrite_built_pages


@event_priority(-200)  # after every language is built (mkdocs-static-i18n runs at -100)
def on_post_build(config) -> None:
    tags = {k: v for k, v in config.extra.get("lang_tags", {}).items() if k != v}
    if not tags:
        return
    attribute = re.compile(r'\b((?:href)?lang)="(%s)"' % "|".join(map(re.escape, tags)))
    rewrite_built_pages(config.site_dir, lambda html: attribute.sub(lambda m: f'{m[1]}="{tags[m[2]]}"', html))
