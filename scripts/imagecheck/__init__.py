"""Image checker: collect (MkDocs renders) -> parse -> local / remote -> report; cli wires; a hook runs it in builds."""

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
