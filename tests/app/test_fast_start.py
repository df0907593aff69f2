"""Fast start: the page is served while the assistant is still being built; the first turn waits for the build."""

from __future__ import annotations

import threading
import time
import urllib.request

from app.server import serve
from app.settings import Settings
from tests.app.fakes import fake_factory
from tests.servers import free_port


def test_page_is_served_before_the_assistant_is_built(tmp_path):
    settings = Settings()
    settings.retrieval.data_dir = tmp_path
    settings.port = free_port()
    release = threading.Event()
    built = threading.Event()
    inner = fake_factory(tmp_path / "fake_gallery", settings.agents)

    def slow_factory(progress=None):
        assert release.wait(60), "the test never released the build"
        assistant = inner(progress)
        built.set()
        return assistant

    served: dict = {}
    thread = threading.Thread(target=lambda: served.update(zip(("demo", "url"), serve(settings, factory=slow_factory,
                                                                                       block=False))), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{settings.port}/"
    deadline, status = time.monotonic() + 120, None
    while status != 200 and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                status = resp.status
        except OSError:
            time.sleep(0.1)
    try:
        assert status == 200 and not built.is_set()  # the page is up while the build is still held back
        assert thread.is_alive()  # serve() waits for the build before it reports "ready"
        release.set()
        thread.join(60)
        assert built.is_set() and not thread.is_alive() and served["url"].startswith("http://127.0.0.1")
    finally:
        release.set()
        thread.join(60)
        if "demo" in served:
            served["demo"].close()
