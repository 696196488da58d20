"""Old or short URLs keep working, in every language.

mkdocs.yml lists them under `extra.redirects` as `old/path/: new/path/#anchor`
(paths below the language root). For each language this writes
<lang root>/old/path/index.html, which sends the reader on, keeping any #anchor
they came with. (mkdocs-redirects does not know about language folders.) A step of pipeline.py.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError

from guide_data import Words, language_root, languages, template, write

PAGE = template(__file__, "redirect.html", autoescape=True)


def write_pages(config, site_dir: Path) -> None:
    words = Words.load(Path(config.docs_dir) / "data")
    for old, new in (config.extra.get("redirects") or {}).items():
        if old.startswith("/") or new.startswith("/") or not old.endswith("/"):
            raise PluginError(f"mkdocs.yml extra.redirects: '{old}: {new}' — use paths like 'old/page/: new/page/#anchor', "
                              "relative to the language root, without a leading '/', the old one ending in '/'.")
        new_path, _, anchor = new.partition("#")
        target = posixpath.relpath(new_path or ".", old) + "/" + ("#" + anchor if anchor else "")  # the same in every language
        for lang in languages(config):
            root = language_root(config, lang.locale)
            if not (site_dir / root / new_path / "index.html").exists():
                raise PluginError(f"mkdocs.yml extra.redirects: '{old}' points to '{new}', which is not a page of the site.")
            write(site_dir / root / old / "index.html", PAGE.render(
                lang=lang.locale, title=words("moved", lang.locale), canonical=config.site_url + root + new,
                target=target) + "\n")
