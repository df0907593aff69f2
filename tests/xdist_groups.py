"""Tests that share an expensive session fixture run on one pytest-xdist worker, so it is built once.

xdist's own ``--dist loadgroup`` cannot be used: it renames test ids to carry the group, and pytest 9 derives
ids from the collection tree, so the rename is lost and every group is split across workers. Instead each
worker writes ``{test id: group}`` (from the fixtures a test uses) to a folder the controller made, and the
controller schedules with ``SharedFixtureScheduling``: xdist's loadscope scheduler where a test's scope is its
group, or its file when it has none (module-scoped fixtures are built once too). Largest scopes go out first.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

ENV = "CHATLENS_TEST_GROUPS"

# Session fixture -> group of the tests using it (first match wins): built once, on the worker running the group.
SHARED_FIXTURES = {
    "milvus_server": "milvus",
    "live_server": "app-live",
    "rel_home": "reliability",
    "demo_library": "demo-gallery",
}


def group_of(item) -> str | None:
    used = set(getattr(item, "fixturenames", ()))
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "milvus-server" in callspec.params.values():  # asked for with getfixturevalue
        used.add("milvus_server")
    return next((g for name, g in SHARED_FIXTURES.items() if name in used), None)


def prepare_controller() -> None:
    """In the controller, before workers start: the folder workers write their groups to (they inherit env)."""
    os.environ.setdefault(ENV, tempfile.mkdtemp(prefix="chatlens-test-groups-"))


def write_groups(items, worker: str) -> None:
    folder = os.environ.get(ENV)
    if not folder:
        return
    groups = {item.nodeid: g for item in items if (g := group_of(item))}
    tmp = Path(folder) / f".{worker}.json"
    tmp.write_text(json.dumps(groups))
    tmp.replace(Path(folder) / f"{worker}.json")


def make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtureScheduling(LoadScopeScheduling):
        _groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self._groups is None:  # every worker has collected (and written its file) before scheduling
                self._groups = {}
                for f in sorted(Path(os.environ[ENV]).glob("*.json")):
                    self._groups.update(json.loads(f.read_text()))
            # no shared fixture: the test's file, so a module-scoped fixture (e.g. the demo encoder's held-out
            # evaluation) is also built once
            return self._groups.get(nodeid) or nodeid.split("::", 1)[0]

    return SharedFixtureScheduling(config, log)
