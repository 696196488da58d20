"""Where each image was written, recorded while MkDocs renders a page in the checker's own build; a time bound.

Each raw-HTML tag that can be an image gets data-imagecheck-html=<line>, and each `![` a line number between two
private-use characters, which a treeprocessor puts on the <img> Markdown makes of it (data-imagecheck-md)."""

import difflib
import re
import signal
import threading
from types import SimpleNamespace

from markdown import Extension
from mkdocs.plugins import event_priority

from . import LIMIT, Problem, parse

WRITTEN = re.compile(r"(?<!\\)((?:\\\\)*)!\[")  # an image's `![`, unless its `!` is escaped
BEFORE = re.compile("\ue0f1(\\d+)\ue0f2$")


class Overtime(BaseException):  # not an Exception: no `except Exception` on the way swallows it
    pass


def source_lines(source: str, text: str):
    """The source file's line of each line of text (0: none): MkDocs strips front matter, plugins change text."""
    if source.endswith(text):
        return range(source.count("\n", 0, len(source) - len(text)) + 1, source.count("\n") + 2)
    found = [0] * (text.count("\n") + 1)
    for i, j, n in difflib.SequenceMatcher(None, source.split("\n"), text.split("\n")).get_matching_blocks():
        found[j:j + n] = range(i + 1, i + n + 1)
    return found


class SourceLines(Extension):
    """A Markdown extension, and a plugin marking the text Python-Markdown gets (collect.render adds both)."""

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems, self.page, self.busy = problems, None, False

    @event_priority(-1000)  # last, after every plugin that changes the text (snippets come later: not marked)
    def on_page_markdown(self, markdown, page, config, files):
        self.page, lines = page, markdown.split("\n")
        for i, n in enumerate(source_lines(page.file.content_string, markdown) if page.file.abs_src_path else ()):
            if n and ("<" in lines[i] or "![" in lines[i]):
                lines[i] = WRITTEN.sub(f"\\1\ue0f1{n}\ue0f2![", parse.TAG.sub(f"\\1 {parse.RAW}={n}", lines[i]))
        return "\n".join(lines)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(SimpleNamespace(run=self.stamp), "imagecheck-lines", 15)  # after inline (20)
        md.convert = lambda text, convert=md.convert: self.bounded(convert, text)

    def stamp(self, root) -> None:
        for parent in root.iter():
            for before, img in zip([None, *parent], parent):
                text = parent.text if before is None else before.tail
                if img.tag == "img" and text and (m := BEFORE.search(text)):
                    img.set(parse.MD, m[1])

    def overtime(self, *_) -> None:
        if self.busy:
            raise Overtime

    def bounded(self, convert, text: str) -> str:
        """Python-Markdown's convert, stopped after LIMIT s of CPU time (SIGPROF: in the main thread only)."""
        if threading.current_thread() is not threading.main_thread():
            return convert(text)
        before, self.busy = signal.signal(signal.SIGPROF, self.overtime), True
        try:
            signal.setitimer(signal.ITIMER_PROF, LIMIT)
            html, self.busy = convert(text), False
            return html
        except Overtime:
            from .collect import shown

            self.problems.append(Problem(shown(self.page.file.abs_src_path or self.page.file.src_uri), 1, "",
                                         "unreadable", f"MkDocs could not render this page within {LIMIT:g} s of CPU "
                                         "time, so its images were not checked: split it, or find what makes Markdown "
                                         "slow here (thousands of unclosed '<' or of backtick runs?)"))
            return ""
        finally:
            self.busy = False
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, before)
