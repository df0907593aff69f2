"""Safe decoding: every kind of bad or unusual file is normalised or refused with a BadImageError."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from retrieval.errors import BadImageError, UserFacingError
from retrieval.imageio import load_image


def _png(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format="PNG", **kw)
    return buf.getvalue()


def _jpeg(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format="JPEG", **kw)
    return buf.getvalue()


def _bomb_png(width: int, height: int) -> bytes:
    """A valid PNG header claiming a huge canvas, with a tiny body: decoding it would allocate gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_plain_rgb_from_path_and_bytes(tmp_path):
    im = Image.new("RGB", (20, 10), (10, 200, 30))
    p = tmp_path / "a.png"
    p.write_bytes(_png(im))
    for src in (p, str(p), p.read_bytes()):
        out = load_image(src)
        assert out.mode == "RGB" and out.size == (20, 10)
        assert out.getpixel((3, 3)) == (10, 200, 30)
        assert out.format == "PNG" and not out.info.get("normalised")


def test_alpha_is_composited_on_white():
    im = Image.new("RGBA", (8, 8), (255, 0, 0, 0))
    im.putpixel((0, 0), (255, 0, 0, 255))
    out = load_image(_png(im))
    assert out.mode == "RGB"
    assert out.getpixel((5, 5)) == (255, 255, 255)
    assert out.getpixel((0, 0)) == (255, 0, 0)
    assert "transparency" in out.info["normalised"]


def test_palette_with_transparency():
    im = Image.new("P", (8, 8), 0)
    im.putpalette([0, 0, 255] + [0, 255, 0] * 255)
    im.info["transparency"] = 0
    out = load_image(_png(im, transparency=0))
    assert out.mode == "RGB" and out.getpixel((1, 1)) == (255, 255, 255)


def test_cmyk_jpeg_becomes_rgb():
    out = load_image(_jpeg(Image.new("CMYK", (16, 16), (0, 255, 255, 0))))
    r, g, b = out.getpixel((8, 8))
    assert out.mode == "RGB" and r > 200 and g < 60 and b < 60
    assert out.info["normalised"] == "CMYK converted to RGB" and out.format == "JPEG"


def test_16bit_greyscale_is_rescaled_to_8bit():
    arr = np.linspace(0, 65535, 64 * 8, dtype=np.uint16).reshape(8, 64)
    im = Image.fromarray(arr)
    assert im.mode.startswith("I;16")
    out = np.asarray(load_image(_png(im)))
    assert out.dtype == np.uint8 and out.shape == (8, 64, 3)
    assert out[0, 0, 0] == 0 and out[-1, -1, 0] == 255
    assert "16-bit" in load_image(_png(im)).info["normalised"]


def test_animated_gif_gives_first_frame():
    frames = [Image.new("RGB", (10, 10), c) for c in ((255, 0, 0), (0, 0, 255))]
    buf = io.BytesIO()
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    out = load_image(buf.getvalue())
    r, g, b = out.getpixel((5, 5))
    assert r > 200 and b < 50
    assert "first frame" in out.info["normalised"]


def test_exif_rotation_is_applied():
    im = Image.new("RGB", (30, 10), (0, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise on display
    out = load_image(_jpeg(im, exif=exif.tobytes()))
    assert out.size == (10, 30) and "EXIF rotation" in out.info["normalised"]


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not an image"),
        (bytes(range(256)) * 4, "not an image"),
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "PDF"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
        (b"hello, this is just text\n", "text"),
    ],
)
def test_non_images_are_refused_with_a_clear_message(tmp_path, data, words):
    p = tmp_path / "file.jpg"
    p.write_bytes(data)
    with pytest.raises(BadImageError) as info:
        load_image(p)
    assert words in str(info.value)
    assert isinstance(info.value, UserFacingError)


def test_truncated_files_are_refused():
    full = _png(Image.effect_noise((64, 64), 50).convert("RGB"))
    with pytest.raises(BadImageError, match="damaged or truncated"):
        load_image(full[: len(full) // 2])
    jpg = _jpeg(Image.effect_noise((64, 64), 50).convert("RGB"))
    with pytest.raises(BadImageError):
        load_image(jpg[:200])


def test_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(BadImageError, match="too large"):
        load_image(_bomb_png(100_000, 100_000))
    with pytest.raises(BadImageError, match="too large"):
        load_image(_png(Image.new("RGB", (100, 100))), max_pixels=5000)


def test_missing_file_is_a_bad_image(tmp_path):
    with pytest.raises(BadImageError, match="cannot be read"):
        load_image(tmp_path / "nope.png")
