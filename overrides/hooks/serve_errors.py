"""`mkdocs serve`: a build error shows in the terminal and in the browser, and the server recovers.

MkDocs' own server keeps every request waiting after a failed rebuild ("The server will appear stuck
until build errors are resolved"). Here a failed rebuild still counts as a build: the site folder is
emptied, every URL answers with the error (and the live-reload script, so the page comes back by itself
when the file is fixed), and the next good build serves the site again.
"""
from __future__ import annotations

import html
import logging
import traceback

from mkdocs import utils

log = logging.getLogger("mkdocs.plugins.serve_errors")


class Errors(logging.Handler):
    """The build's error messages, to show them in the browser."""

    def __init__(self, level):
        super().__init__(level)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def on_serve(server, config, builder):
    serve_site = server.error_handler

    def build():
        errors = Errors(logging.ERROR)
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            builder()
            server.error_handler = serve_site
        except (Exception, SystemExit) as exc:
            message = "\n".join(errors.messages) or "".join(traceback.format_exception_only(exc)).strip()
            log.error("The site cannot be built (above). Fix the file and save it; this server keeps running.")
            utils.clean_directory(server.root)
            page = server._inject_js_into_html(
                f"<!doctype html><title>Build error</title><body><h1>Build error</h1><pre>{html.escape(message)}</pre>"
                "<p>Fix the file and save it: this page reloads by itself.</p></body>".encode(), server._wanted_epoch)
            server.error_handler = lambda code: page
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)

    server.builder = build
    return server
