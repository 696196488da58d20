"""`mkdocs serve`: a build error shows in the terminal and in the browser, and the server recovers.

MkDocs' own server keeps every request waiting after a failed rebuild ("The server will appear stuck
until build errors are resolved"). Here a failed rebuild still ends: the site folder is emptied and
every URL answers with the errors and the live-reload script, so the page comes back when the file is fixed.
"""
from __future__ import annotations

import html
import logging
import logging.handlers

from mkdocs import utils

log = logging.getLogger("mkdocs.plugins.serve_errors")


def on_serve(server, config, builder):
    serve_site = server.error_handler

    def build():
        errors = logging.handlers.BufferingHandler(1000)
        errors.setLevel(logging.ERROR)
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            builder()
            server.error_handler = serve_site
        except (Exception, SystemExit) as exc:
            message = "\n".join(record.getMessage() for record in errors.buffer) or repr(exc)
            log.error("The site cannot be built (above). Fix the file and save it; this server keeps running.")
            utils.clean_directory(server.root)
            page = server._inject_js_into_html(f"<!doctype html><title>Build error</title><h1>Build error</h1>"
                                               f"<pre>{html.escape(message)}</pre>".encode(), server._wanted_epoch)
            server.error_handler = lambda code: page
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)

    server.builder = build
    return server
