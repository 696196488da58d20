"""Image checker: MkDocs renders the pages, this package checks the images they really contain.

collect (pages and the output tree) -> parse (images of one HTML page) -> local / remote (verdicts)
-> report (text, JSON, GitHub). cli wires them together; overrides/hooks/check_images.py runs the
local checks inside `mkdocs build`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    src: str
    problem: str
    message: str


class UsageError(Exception):
    """The check could not run (exit status 2)."""
