"""Material's templates compiled once a process, not once a language (and again on every rebuild of
`mkdocs serve`): MkDocs makes a new Jinja environment for each language build, and this gives every one
of them the same bytecode cache, in memory. Jinja checks each template's source against the cached
code's checksum, so a template edited while `mkdocs serve` runs is compiled again.
"""
from __future__ import annotations

import jinja2


class InMemory(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, tuple[str, object]] = {}  # template key -> (source checksum, code)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


CACHE = InMemory()


def on_env(env, config, files):
    env.bytecode_cache = CACHE
    return env
