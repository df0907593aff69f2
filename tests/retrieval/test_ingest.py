"""Folder ingestion and open_library: bad files, duplicates, re-runs, prune, demo catalog, SIGKILL mid-run."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from retrieval.config import RetrievalConfig
from retrieval.library import main, open_library, reconcile

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("CHATLENS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def _colour_image(i: int, size: int = 24) -> Image.Image:
    rng = np.random.default_rng(i)
    arr = np.full((size, size, 3), rng.integers(0, 255, 3), np.uint8)
    arr[rng.integers(0, size), :, :] = rng.integers(0, 255, 3)  # a stripe: no two images alike
    return Image.fromarray(arr)


def write_good(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        p = folder / f"sub{i % 3}" / f"img{i:04d}.png"
        p.parent.mkdir(exist_ok=True)
        _colour_image(i).save(p)
        out.append(p)
    return out


def write_bad_and_odd(folder: Path) -> dict[str, str]:
    """Every awkward kind: name -> 'ok' (normalised and indexed) or 'skip'."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds = {}

    def save(name, im, kind, **kw):
        im.save(folder / name, **kw)
        kinds[name] = kind

    save("cmyk.jpg", Image.new("CMYK", (20, 20), (0, 200, 200, 0)), "ok")
    save("deep16.png", Image.fromarray(np.arange(400, dtype=np.uint16).reshape(20, 20) * 150), "ok")
    save("alpha.png", Image.new("RGBA", (20, 20), (0, 255, 0, 128)), "ok")
    frames = [Image.new("RGB", (20, 20), c) for c in ((200, 0, 0), (0, 0, 200))]
    save("anim.gif", frames[0], "ok", save_all=True, append_images=frames[1:])
    buf = io.BytesIO()
    _colour_image(999, 64).save(buf, format="PNG")
    (folder / "truncated.png").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "corrupt.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(300))
    (folder / "notes.png").write_text("this is text pretending to be a PNG")
    (folder / "drawing.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")  # not an image suffix we take
    (folder / "readme.txt").write_text("ignored")
    kinds.update({"truncated.png": "skip", "empty.jpg": "skip", "corrupt.jpg": "skip", "notes.png": "skip"})
    return kinds


def _cfg(tmp_path: Path, folder: Path, **kw) -> RetrievalConfig:
    return RetrievalConfig(data_dir=tmp_path / "home", encoder="hash:32", gallery=folder, batch_size=8, **kw)


def test_bad_files_duplicates_rerun_and_prune(tmp_path):
    folder = tmp_path / "photos"
    good = write_good(folder, 20)
    kinds = write_bad_and_odd(folder)
    (folder / "dup.png").write_bytes(good[0].read_bytes())
    lib = open_library(_cfg(tmp_path, folder))
    r = lib.report
    n_ok = 20 + sum(k == "ok" for k in kinds.values())
    assert r.added == n_ok and r.duplicates == 1 and r.ignored == 2
    assert sorted(Path(p).name for p, _ in r.skipped) == sorted(k for k, v in kinds.items() if v == "skip")
    assert all(why for _, why in r.skipped)
    assert sorted(Path(p).name for p, _ in r.normalised) == sorted(k for k, v in kinds.items() if v == "ok")
    assert lib.gallery.count() == lib.index.count() == n_ok
    assert np.array_equal(lib.gallery.ids(), lib.index.ids())
    item = lib.gallery.get([lib.gallery.ids()[0]])[0]
    assert Path(item.thumbnail).is_file() and item.facet_scores and item.sha256
    lib.close()

    again = open_library(_cfg(tmp_path, folder))  # nothing new
    assert again.report.added == 0 and again.report.unchanged == n_ok + 1
    again.close()

    write_good(folder, 2, start=100)
    good[1].unlink()
    _colour_image(555).save(good[2])  # changed content, same path
    os.utime(good[2], ns=(1, 1))
    lib = open_library(_cfg(tmp_path, folder), prune=True)
    assert lib.report.added == 3 and lib.report.removed == 2  # vanished file, old content of the changed one
    assert lib.gallery.count() == lib.index.count() == n_ok + 2 - 1
    assert str(good[1]) not in lib.gallery.file_state()
    lib.close()


def test_cli_main(tmp_path, capsys):
    folder = tmp_path / "photos"
    write_good(folder, 5)
    rc = main([str(folder), "--encoder", "hash:32", "--data-dir", str(tmp_path / "home"), "--index", "faiss:hnsw"])
    out = capsys.readouterr().out
    assert rc == 0 and "added 5" in out and "5 items" in out
    assert main([str(tmp_path / "missing"), "--data-dir", str(tmp_path / "home")]) == 2
    assert main([str(folder), "--encoder", "nope:1", "--data-dir", str(tmp_path / "home")]) == 1


def test_demo_catalog_is_ingested_like_a_folder(tmp_path):
    cfg = RetrievalConfig(data_dir=tmp_path / "home", encoder="hash:32", demo_size=24, batch_size=8)
    seen = []
    lib = open_library(cfg, progress=lambda f, m: seen.append(f))
    assert lib.gallery.count() == lib.index.count() == 24
    assert lib.gallery.ids().tolist() == list(range(24))  # gallery id = catalog index
    item = lib.gallery.get([7])[0]
    assert item.key == "s0-000007" and "category" in item.attributes and item.captions
    _, rows = lib.gallery.facet_rows(lib.gallery.ids())
    mat = rows[:, lib.gallery.layout.span("colour")]
    assert mat.shape == (24, len(lib.facets["colour"].values)) and np.allclose(mat.sum(axis=1), 1, atol=1e-3)
    assert lib.facets.name == "demo" and seen and seen[-1] == 1.0
    lib.close()
    again = open_library(cfg)
    assert again.report.added == 0 and again.gallery.count() == 24
    again.close()


def test_reconcile_repairs_a_lost_or_stale_index(tmp_path):
    folder = tmp_path / "photos"
    write_good(folder, 12)
    lib = open_library(_cfg(tmp_path, folder))
    lib.index.remove(lib.gallery.ids()[:4].tolist())
    lib.index.add([9999], np.ones((1, 32), np.float32) / np.sqrt(32))
    assert reconcile(lib.gallery, lib.index) == (4, 1)
    assert np.array_equal(lib.gallery.ids(), lib.index.ids())
    lib.close()
    for p in (lib.root / "index").iterdir():
        p.unlink()
    again = open_library(_cfg(tmp_path, folder))
    assert again.index.count() == 12 and again.report.added == 0
    again.close()
