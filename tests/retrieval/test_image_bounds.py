"""Thin strips and oversized images are bounded before any pixel is decoded (issue 14, item 1).

Peak memory is measured in a fresh subprocess per file (``scripts/bench_images.py --one``),
decoding the file and then resizing it as an encoder would (short side to 224).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from retrieval.errors import BadImageError
from retrieval.imageio import DECODE_MAX_SIDE, MAX_ASPECT, decode_bytes
from scripts.bench_images import measure, write_cases

PEAK_MB = 100  # the target: one hostile image costs at most +100 MB


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("strips")
    return {p.name: p for p in write_cases(folder)}


@pytest.mark.parametrize("name", ["strip_300000x1.png", "strip_1x300000.png", "strip_4000000x1.png",
                                  "strip_1x65000.png"])
def test_thin_strip_is_refused_cheaply_in_a_subprocess(cases, name):
    r = measure(cases[name])
    assert r["outcome"].startswith("refused:") and "thin strip" in r["outcome"], r
    assert r["peak_rss_mb"] <= PEAK_MB, r


@pytest.mark.parametrize("name", ["widest_allowed_12000x600.png", "photo_6000x4000.jpg"])
def test_allowed_extremes_decode_within_bounds(cases, name):
    r = measure(cases[name])
    assert r["outcome"].startswith("decoded"), r
    assert r["peak_rss_mb"] <= PEAK_MB, r


def _png(size, mode="RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size).save(buf, format="PNG")
    return buf.getvalue()


def test_aspect_limit_is_exact():
    ok = decode_bytes(_png((MAX_ASPECT * 10, 10)))
    assert ok.size == (MAX_ASPECT * 10, 10)
    with pytest.raises(BadImageError, match="thin strip"):
        decode_bytes(_png((MAX_ASPECT * 10 + 1, 10)))
    with pytest.raises(BadImageError, match="thin strip"):
        decode_bytes(_png((10, MAX_ASPECT * 10 + 1)))


@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA", "P", "I;16", "LA"])
def test_large_images_are_handed_on_reduced_in_every_mode(mode):
    out = decode_bytes(_png((3000, 1500), mode))
    assert out.mode == "RGB" and max(out.size) == DECODE_MAX_SIDE
    assert abs(out.width / out.height - 2.0) < 0.01


def test_jpeg_is_decoded_reduced_with_aspect_kept():
    buf = io.BytesIO()
    Image.new("RGB", (4000, 1000), (10, 200, 30)).save(buf, format="JPEG")
    out = decode_bytes(buf.getvalue())
    assert out.size == (DECODE_MAX_SIDE, DECODE_MAX_SIDE // 4) and out.format == "JPEG"
    assert out.getpixel((5, 5))[1] > 150


def test_chatlens_index_skips_thin_strips_with_the_reason(tmp_path):
    from retrieval.library import open_library
    from tests.retrieval.test_ingest import _cfg, write_good

    folder = tmp_path / "photos"
    write_good(folder, 4)
    write_cases(folder, ["strip_300000x1.png", "strip_1x65000.png"])
    lib = open_library(_cfg(tmp_path, folder))
    try:
        skipped = {Path(p).name: why for p, why in lib.report.skipped}
        assert set(skipped) == {"strip_300000x1.png", "strip_1x65000.png"}
        assert all("thin strip" in why for why in skipped.values()), skipped
        assert lib.report.added == 4 and lib.gallery.count() == 4
    finally:
        lib.close()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_exif_rotation_is_applied_after_reducing(fmt):
    """Large images are rotated after reduction (no full-size copy), the same way as small ones."""
    im = Image.new("RGB", (4000, 1000), (255, 0, 0))
    im.paste((0, 0, 255), (0, 0, 1000, 1000))  # blue on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise on display: the left edge goes to the top
    buf = io.BytesIO()
    im.save(buf, format=fmt, exif=exif.tobytes())
    out = decode_bytes(buf.getvalue())
    assert out.size == (DECODE_MAX_SIDE // 4, DECODE_MAX_SIDE) and "EXIF rotation" in out.info["normalised"]
    top, bottom = out.getpixel((out.width // 2, 2)), out.getpixel((out.width // 2, out.height - 3))
    assert top[2] > 200 and top[0] < 50 and bottom[0] > 200 and bottom[2] < 50
