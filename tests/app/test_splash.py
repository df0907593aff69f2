"""The start-up page: the port answers at once while gradio is imported, then gradio takes the same port over."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from app.server import serve
from app.settings import Settings
from app.splash import HEADER, Splash
from tests.app.fakes import fake_factory
from tests.servers import free_port


def _get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_the_start_page_answers_then_releases_the_port():
    splash = Splash.start("127.0.0.1", 0)
    assert splash is not None and splash.port > 0
    base = f"http://127.0.0.1:{splash.port}"
    try:
        status, headers, body = _get(base + "/")
        assert status == 200 and headers.get(HEADER) == "1" and b"ChatLens is starting" in body
        status, headers, _ = _get(base + "/config")  # API clients are told to retry, not handed the page
        assert status == 503 and headers.get("Retry-After") == "1"
        assert Splash.start("127.0.0.1", splash.port) is None  # the port is taken while it runs
    finally:
        splash.close()
    splash.close()  # idempotent
    with socket.socket() as s:  # released: the app can bind it (with SO_REUSEADDR, as gradio does)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", splash.port))


@pytest.mark.timeout(300)
def test_gradio_takes_over_the_start_pages_port(tmp_path):
    settings = Settings()
    settings.retrieval.data_dir = tmp_path
    settings.port = free_port()
    splash = Splash.start("127.0.0.1", settings.port)
    assert splash is not None
    url = f"http://127.0.0.1:{settings.port}/"
    assert _get(url)[1].get(HEADER) == "1"
    demo, _ = serve(settings, factory=fake_factory(tmp_path / "fake_gallery", settings.agents), block=False,
                    before_launch=splash.close)
    try:
        status, headers, body = _get(url)
        assert status == 200 and HEADER not in headers and b"ChatLens is starting" not in body  # gradio's page now
    finally:
        demo.close()


def test_the_page_is_built_without_importing_model_or_index_libraries():
    """What serving the page needs (gradio, the UI) imports no torch, open_clip, FAISS or Milvus client: those load
    in the assistant's build, beside gradio's import, and never delay the page."""
    from tests.servers import ROOT

    code = ("import sys\nfrom app.server import make_demo\nfrom app.settings import Settings\n"
            "make_demo(Settings(), factory=lambda progress=None: None)\n"
            "print(sorted(m for m in ('torch', 'open_clip', 'faiss', 'pymilvus', 'transformers', "
            "'sentence_transformers', 'sklearn', 'matplotlib', 'nltk') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=240,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "GRADIO_ANALYTICS_ENABLED": "False"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
