"""Image checker: collect (MkDocs renders) -> parse -> local / remote; cli wires and reports; a build hook runs it."""

from dataclasses import dataclass

LIMIT = 5.0  # CPU seconds MkDocs may take to render one page, and the HTML parser to read one; then it is unreadable


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    src: str
    problem: str
    message: str


class UsageError(Exception):
    """The check could not run (exit status 2)."""
