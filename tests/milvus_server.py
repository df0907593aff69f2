"""A real Milvus standalone server (the PyPI ``milvus`` package) for the tests that must talk to one.

Started once per test session by the ``milvus_server`` fixture (tests/conftest.py),
in a temporary folder, on free localhost ports; stopped at the end. Where it
cannot start (the package is missing, the binary cannot run here) the tests
that need it are skipped with the reason.
"""

from __future__ import annotations

import socket
import tempfile
import time
import uuid
from pathlib import Path

START_TIMEOUT_MS = 180_000


class MilvusServer:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="chatlens-milvus-server-"))
        self.server = None
        self.uri = ""
        self.seconds = 0.0

    def start(self) -> MilvusServer:
        from milvus import MilvusServer as Standalone

        t = time.perf_counter()
        self.server = Standalone(wait_for_started=False)
        self.server.show_startup_banner = False
        # The package picks free ports for Milvus itself but leaves its embedded etcd on the fixed 2379/2380,
        # so a second server on the machine (another test run) would fail to start; give etcd free ports too.
        etcd = self._etcd_config()
        cfg = self.server.config
        cfg.template_text = cfg.template_text.replace("etcd:\n", f"etcd:\n  config:\n    path: {etcd}\n", 1)
        self.server.set_base_dir(str(self.folder))
        self.server.start()
        self._wait_healthy(t + START_TIMEOUT_MS / 1000)
        self.uri = f"http://127.0.0.1:{self.server.listen_port}"
        self.seconds = time.perf_counter() - t
        return self

    def _wait_healthy(self, deadline: float) -> None:
        """Until /healthz says OK. A component that failed to start (a port another server took between the
        package's check and the bind) leaves the process up but never healthy: that is seen in its log at once."""
        import urllib.request

        url = f"http://127.0.0.1:{self.server.webservice_port}/healthz"
        logs = [self.folder / "logs" / f"milvus-{name}.log" for name in ("stdout", "stderr")]
        while time.perf_counter() < deadline:
            if self.server.server_proc.poll() is not None:
                raise RuntimeError("the Milvus server exited while starting")
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    if b"OK" in r.read():
                        time.sleep(1)  # as the package does: a moment more for every component
                        return
            except OSError:
                pass
            if any(p.exists() and ("panic:" in (text := p.read_text(errors="replace")) or "starts error" in text)
                   for p in logs):
                raise RuntimeError("a Milvus component failed to start (see its log)")
            time.sleep(0.2)
        raise TimeoutError(f"Milvus not healthy within {START_TIMEOUT_MS / 1000:.0f} s")

    def _etcd_config(self) -> Path:
        """An embedded-etcd config file listening on two free localhost ports."""
        client, peer = _free_port(), _free_port()
        path = self.folder / "embed-etcd.yaml"
        path.write_text(f"name: default\nlisten-client-urls: http://127.0.0.1:{client}\n"
                        f"advertise-client-urls: http://127.0.0.1:{client}\nlisten-peer-urls: http://127.0.0.1:{peer}\n"
                        f"initial-advertise-peer-urls: http://127.0.0.1:{peer}\n"
                        f"initial-cluster: default=http://127.0.0.1:{peer}\n")
        return path

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def spec(self, index: str = "HNSW", collection: str | None = None, consistency: str = "Strong") -> str:
        """An index spec for a fresh (or the named) collection on this server; Strong reads by default (tests read
        what they just wrote; the served default, Bounded, is used by the end-to-end session test)."""
        spec = f"{self.uri}?index={index}&collection={collection or 't_' + uuid.uuid4().hex[:16]}"
        return spec + (f"&consistency={consistency}" if consistency else "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_or_skip_reason() -> tuple[MilvusServer | None, str]:
    try:
        import milvus  # noqa: F401
    except ImportError:
        return None, "the `milvus` package (a local Milvus standalone server) is not installed: pip install 'chatlens[milvus]'"
    reason = ""
    for _ in range(2):  # a second try with fresh ports, for a port taken by another server starting meanwhile
        srv = MilvusServer()
        try:
            return srv.start(), ""
        except Exception as exc:  # the binary may not run on this platform, or ports may be exhausted
            srv.stop()
            logs = srv.folder / "logs" / "milvus-stderr.log"
            tail = logs.read_text(errors="replace")[-600:] if logs.exists() else ""
            reason = f"the Milvus standalone server did not start: {exc!r} {tail}"
    return None, reason
