"""Suite-wide guards: offline, caches in a temporary folder, no connection leaves this machine."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("CHATLENS_HOME", tempfile.mkdtemp(prefix="chatlens-test-"))

_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None:
        try:
            ok = ipaddress.ip_address(host).is_loopback
        except ValueError:
            ok = host in ("localhost",)
        if not ok:
            raise OSError(f"tests may not connect to {host!r}: only loopback is allowed")
    return _connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    socket.socket.connect = _loopback_only
    yield
    socket.socket.connect = _connect


@pytest.fixture(scope="session")
def milvus_server():
    """One real Milvus standalone server for the whole test session (``tests/milvus_server.py``)."""
    from tests.milvus_server import start_or_skip_reason

    server, reason = start_or_skip_reason()
    if server is None:
        pytest.skip(reason)
    yield server
    server.stop()
