"""Glossary tooltips on Chinese terms in Chinese text (docs/.snippets/abbreviations.zh.md).

Python-Markdown's abbr extension wraps a term only between word boundaries (`\\b`), and there is none between
two Chinese characters: 一条扩展定律， got no tooltip, while every "scaling law" on the English page has one.
Here a term is wrapped wherever no ASCII letter, digit or underscore touches it: a Latin term as before, a
Chinese term inside Chinese text too. A page that uses a term in another sense drops it with `*[term]: ""`.
"""
from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor


class Abbreviations(AbbrTreeprocessor):
    def run(self, root):
        if not self.abbrs:
            return
        terms = "|".join(re.escape(term) for term in sorted(self.abbrs, key=len, reverse=True))
        self.RE = re.compile(f"(?<![A-Za-z0-9_])(?:{terms})(?![A-Za-z0-9_])")
        self.iter_element(root)


class CjkAbbreviations(Extension):
    def extendMarkdown(self, md):  # after abbr (mkdocs.yml), whose term list it shares
        md.treeprocessors.register(Abbreviations(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)


def on_config(config):
    if not any(isinstance(e, CjkAbbreviations) for e in config.markdown_extensions):
        config.markdown_extensions.append(CjkAbbreviations())
    return config
