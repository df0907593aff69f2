"""The one atomic-write helper: a failed write leaves the old file and no temporary behind."""

from __future__ import annotations

import pytest

from retrieval.atomic import atomic_path, atomic_write_bytes, atomic_write_text


@pytest.mark.parametrize("durable", [True, False])
def test_a_write_replaces_the_file_and_a_failed_one_changes_nothing(tmp_path, durable):
    target = tmp_path / "index.faiss"
    atomic_write_bytes(target, b"old", durable)
    with pytest.raises(RuntimeError):
        with atomic_path(target, durable) as tmp:
            tmp.write_bytes(b"half of the new")
            assert target.read_bytes() == b"old"  # readers see the old file while the new one is written
            raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"old"
    atomic_write_text(target, "new", durable)
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.faiss"]  # no temporary left
