"""A "starting" page on the server's port from the first tenth of a second, until Gradio takes the port over.

Importing Gradio alone takes 3-5 s on two busy cores, and a visitor who
opens the address before then used to get "connection refused". ``chatlens
run`` binds the port at once with this standard-library server, which
answers ``/`` with a small page that says ChatLens is starting and polls
until the real app answers (then reloads), and every other path with 503 +
``Retry-After`` (API clients retry). Right before Gradio launches, the
splash closes and Gradio binds the same port. Only the CLI uses it; the
Space and tests that call ``serve`` directly do not.
"""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log = logging.getLogger(__name__)

HEADER = "X-ChatLens-Starting"  # marks the splash's answers, so its page knows when the real app answers instead
PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ChatLens is starting</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;height:90vh;color:#333}</style></head>
<body><main><h1>ChatLens is starting&hellip;</h1><p>This page opens the app by itself in a few seconds.</p>
<noscript><p>Reload the page in a few seconds.</p></noscript></main>
<script>
setInterval(async () => {
  try {
    const r = await fetch(location.href, {cache: "no-store"});
    if (r.ok && !r.headers.has("x-chatlens-starting")) location.reload();
  } catch (e) { /* the port is changing hands: try again */ }
}, 500);
</script></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        page = self.path.split("?", 1)[0] in ("/", "")
        self.send_response(200 if page else 503)
        self.send_header(HEADER, "1")
        self.send_header("Cache-Control", "no-store")
        if page:
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
        else:
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
        self.end_headers()
        if body and page:
            self.wfile.write(PAGE)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(False)

    def do_POST(self) -> None:  # noqa: N802
        self._answer(False)

    def log_message(self, *args) -> None:  # quiet: the server's own log says when it is up
        pass


class Splash:
    """The placeholder server (``HTTPServer`` sets SO_REUSEADDR, so Gradio rebinds the port at once after
    ``close``); ``port`` is the one bound (a requested 0 becomes a free port Gradio then reuses)."""

    def __init__(self, host: str, port: int):
        self._server = ThreadingHTTPServer((host, port), _Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="chatlens-splash", daemon=True)
        self._thread.start()

    @classmethod
    def start(cls, host: str, port: int) -> Splash | None:
        """A running splash, or None when the port cannot be bound (Gradio then reports the problem itself)."""
        try:
            return cls(host, port)
        except OSError as e:
            log.debug("no start-up page on %s:%s: %s", host, port, e)
            return None

    def close(self) -> None:
        """Stop answering and release the port (idempotent)."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(5)
        self._server.server_close()
