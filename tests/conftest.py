"""Suite-wide guards: offline, caches in a temporary folder, no connection leaves this machine.

The suite runs on two pytest-xdist workers (``scripts/test.sh``: ``-n 2``). Each worker has its own
``CHATLENS_HOME`` (two processes never render or index one gallery at once), and every test that uses one of the
expensive session-wide things (a live server, the Milvus server, the 600-item demo gallery) runs on the worker
that runs the others of its group, so that thing is started once; other tests go out file by file
(``tests/xdist_groups.py``).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile

import pytest

from tests import xdist_groups

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("CHATLENS_HOME", tempfile.mkdtemp(prefix="chatlens-test-"))
if os.environ.get("PYTEST_XDIST_WORKER"):  # a worker inherits the controller's home: take a folder of its own in it
    os.environ["CHATLENS_HOME"] = os.path.join(os.environ["CHATLENS_HOME"], os.environ["PYTEST_XDIST_WORKER"])
    os.makedirs(os.environ["CHATLENS_HOME"], exist_ok=True)



def pytest_configure(config):
    if getattr(config.option, "numprocesses", None) and not os.environ.get("PYTEST_XDIST_WORKER"):
        xdist_groups.prepare_controller()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    return xdist_groups.make_scheduler(config, log)


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        xdist_groups.write_groups(items, os.environ["PYTEST_XDIST_WORKER"])


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
