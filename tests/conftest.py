"""Suite-wide guards: offline, caches in a temporary folder, no connection leaves this machine.

The suite runs on two pytest-xdist workers (``scripts/test.sh``: ``-n 2 --dist loadgroup``). Each worker has its
own ``CHATLENS_HOME`` (two processes never render or index one gallery at once), and every test that uses one of
the expensive session-wide things (a live server, the Milvus server, the 600-item demo gallery) is put in that
thing's group, so it is started once, on one worker, and its tests run there.
"""

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
if os.environ.get("PYTEST_XDIST_WORKER"):  # a worker inherits the controller's home: take a folder of its own in it
    os.environ["CHATLENS_HOME"] = os.path.join(os.environ["CHATLENS_HOME"], os.environ["PYTEST_XDIST_WORKER"])

# Session fixture -> xdist group of the tests using it (first match wins): built once, on the worker running the group.
SHARED_FIXTURES = {
    "milvus_server": "milvus",
    "live_server": "app-live",
    "rel_home": "reliability",
    "demo_library": "demo-gallery",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "milvus-server" in callspec.params.values():  # asked with getfixturevalue
            used.add("milvus_server")
        group = next((g for name, g in SHARED_FIXTURES.items() if name in used), None)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))

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
