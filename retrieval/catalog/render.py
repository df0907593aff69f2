"""Draw one catalog item with Pillow and numpy, deterministically from its seed.

Shapes are polygons in unit coordinates, so each category has its own
silhouette; patterns are numpy textures in the accent colour; nuisance
(rotation, scale, shift, background tint, lighting, sensor noise) is applied
last so that two items with the same attributes are never pixel twins.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from .schema import BACKGROUND_RGB, COLOUR_RGB

SIZE = 128  # rendered resolution; the demo encoder resizes to its own input size

Poly = list[tuple[float, float]]


def _mirror(poly: Poly) -> Poly:
    return [(1.0 - x, y) for x, y in poly]


def _both(poly: Poly) -> list[Poly]:
    return [poly, _mirror(poly)]


_SLEEVES_TOP: dict[str, list[Poly]] = {  # shoulders at x=0.33, y=0.22
    "short": _both([(0.34, 0.22), (0.19, 0.33), (0.25, 0.44), (0.34, 0.37)]),
    "long": _both([(0.34, 0.22), (0.22, 0.28), (0.14, 0.78), (0.23, 0.80), (0.29, 0.42), (0.34, 0.40)]),
    "sleeveless": [],
}
_SLEEVES_DRESS: dict[str, list[Poly]] = {  # shoulders at x=0.38, y=0.20
    "short": _both([(0.39, 0.20), (0.27, 0.29), (0.31, 0.37), (0.40, 0.31)]),
    "long": _both([(0.39, 0.20), (0.29, 0.26), (0.22, 0.64), (0.29, 0.65), (0.33, 0.36), (0.40, 0.32)]),
    "sleeveless": [],
}
_LONG_SLEEVES_OUTER = _both([(0.32, 0.21), (0.21, 0.27), (0.13, 0.74), (0.22, 0.76), (0.28, 0.40), (0.32, 0.39)])
_TORSO = [(0.33, 0.22), (0.67, 0.22), (0.66, 0.82), (0.34, 0.82)]
_DRESS_HEM = {"mini": (0.60, 0.15), "midi": (0.76, 0.19), "maxi": (0.93, 0.22)}
_TROUSER_HEM = {"slim": 0.36, "wide-leg": 0.22}
_BRIM_EDGE = {"wide-brim": 0.04, "narrow-brim": 0.24}
_SKIRT_HEM = {"mini": (0.52, 0.19), "midi": (0.70, 0.22), "maxi": (0.90, 0.25)}


def _silhouette(attrs: dict[str, str]) -> list[Poly]:
    """Polygons whose union is the item's mask, by category."""
    cat = attrs["category"]
    if cat in ("t-shirt", "shirt"):
        return [_TORSO, *_SLEEVES_TOP[attrs["sleeve"]]]
    if cat == "dress":
        hem_y, half = _DRESS_HEM[attrs["length"]]
        bodice = [(0.38, 0.20), (0.62, 0.20), (0.60, 0.42), (0.40, 0.42)]
        skirt = [(0.40, 0.41), (0.60, 0.41), (0.5 + half, hem_y), (0.5 - half, hem_y)]
        return [bodice, skirt, *_SLEEVES_DRESS[attrs["sleeve"]]]
    if cat == "skirt":
        hem_y, half = _SKIRT_HEM[attrs["length"]]
        return [[(0.36, 0.25), (0.64, 0.25), (0.5 + half, hem_y), (0.5 - half, hem_y)]]
    if cat == "trousers":
        out = _TROUSER_HEM[attrs.get("fit", "slim")]  # outer x of the hem; the inner edge follows
        return [[(0.34, 0.12), (0.66, 0.12), (1 - out, 0.92), (0.5 + (0.5 - out) * 0.3, 0.92), (0.5, 0.38),
                 (0.5 - (0.5 - out) * 0.3, 0.92), (out, 0.92)]]
    if cat == "shorts":
        return [[(0.31, 0.28), (0.69, 0.28), (0.74, 0.64), (0.54, 0.66), (0.5, 0.46), (0.46, 0.66), (0.26, 0.64)]]
    if cat == "jacket":
        return [[(0.32, 0.20), (0.68, 0.20), (0.68, 0.74), (0.32, 0.74)], *_LONG_SLEEVES_OUTER]
    if cat == "hoodie":
        return [[(0.32, 0.28), (0.68, 0.28), (0.67, 0.80), (0.33, 0.80)], *_both(
            [(0.33, 0.28), (0.22, 0.33), (0.15, 0.78), (0.24, 0.80), (0.29, 0.45), (0.33, 0.44)]
        )]
    if cat == "coat":
        return [[(0.32, 0.18), (0.68, 0.18), (0.72, 0.94), (0.28, 0.94)], *_LONG_SLEEVES_OUTER]
    if cat == "bag":
        return [[(0.24, 0.42), (0.76, 0.42), (0.80, 0.86), (0.20, 0.86)]]
    if cat == "hat":
        edge = _BRIM_EDGE[attrs.get("brim", "wide-brim")]
        return [[(edge, 0.60), (1 - edge, 0.60), (1 - edge - 0.02, 0.68), (edge + 0.02, 0.68)]]
    raise ValueError(f"no silhouette for category {cat!r}")


def _px(poly: Poly) -> list[tuple[float, float]]:
    return [(x * SIZE, y * SIZE) for x, y in poly]


def _box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    return (x0 * SIZE, y0 * SIZE, x1 * SIZE, y1 * SIZE)


def _extra_mask(draw: ImageDraw.ImageDraw, attrs: dict[str, str]) -> None:
    """Parts that are not polygons: hoods, hat crowns, bag handles, turtlenecks."""
    cat = attrs["category"]
    if cat == "hoodie":
        draw.ellipse(_box(0.36, 0.09, 0.64, 0.36), fill=255)
    elif cat == "hat":
        draw.chord(_box(0.28, 0.26, 0.72, 0.92), 180, 360, fill=255)
    elif cat == "bag" and attrs.get("strap") == "shoulder-strap":  # one long thin strap from corner to corner
        draw.arc(_box(0.25, 0.03, 0.75, 0.81), 180, 360, fill=255, width=max(2, SIZE // 40))
    elif cat == "bag":  # a short, thick top handle
        draw.arc(_box(0.36, 0.24, 0.64, 0.60), 180, 360, fill=255, width=max(2, SIZE // 16))
    if attrs.get("neckline") == "turtleneck":
        top = 0.20 if cat == "dress" else 0.22
        draw.rectangle(_box(0.43, top - 0.09, 0.57, top + 0.01), fill=255)


_SCALE = {"small": 1.0, "large": 1.9}  # the repeat of a large pattern, relative to a small one


def _pattern_mask(pattern: str, rng: np.random.Generator, scale: str = "small") -> np.ndarray:
    """Where the accent colour goes (float 0..1), before any transform."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    phase_x, phase_y = rng.uniform(0, 12, size=2)
    k = _SCALE[scale]
    yy, xx = yy / k, xx / k  # a large pattern is the small one magnified
    if pattern == "solid":
        return np.zeros((SIZE, SIZE), np.float32)
    # Stripes and checks cover about 30% of the garment, so its own colour is the one that dominates,
    # as in "a red shirt with white stripes" (at 50/50 nobody, and no model, can say which is the main one).
    if pattern == "striped":
        return (((yy + phase_y) % 10.0) < 3.0).astype(np.float32)
    if pattern == "polka-dot":
        row = np.floor((yy + phase_y) / 11.0)
        cx = (xx + phase_x + 5.5 * (row % 2)) % 11.0 - 5.5
        cy = (yy + phase_y) % 11.0 - 5.5
        return ((cx * cx + cy * cy) < 2.9**2).astype(np.float32)
    if pattern == "checked":
        h = ((yy + phase_y) % 12.0) < 3.6
        v = ((xx + phase_x) % 12.0) < 3.6
        return 0.5 * h + 0.5 * v  # gingham: full accent where the bands cross
    if pattern == "floral":
        img = Image.new("L", (SIZE, SIZE), 0)
        d = ImageDraw.Draw(img)
        step = int(16 * k)
        for gy in range(-step // 2, SIZE + step, step):
            for gx in range(-step // 2 + step // 2 * ((gy // step) % 2), SIZE + step, step):
                cx, cy = gx + phase_x * k, gy + phase_y * k
                for p in range(5):
                    a = 2 * math.pi * p / 5
                    px, py = cx + 3.2 * k * math.cos(a), cy + 3.2 * k * math.sin(a)
                    d.ellipse((px - 2.2 * k, py - 2.2 * k, px + 2.2 * k, py + 2.2 * k), fill=255)
                d.ellipse((cx - 1.2 * k, cy - 1.2 * k, cx + 1.2 * k, cy + 1.2 * k), fill=110)
        return np.asarray(img, np.float32) / 255.0
    raise ValueError(f"unknown pattern {pattern!r}")


def _motif_polygon(motif: str, cx: float, cy: float, r: float) -> list[Poly]:
    if motif == "star":
        pts = []
        for k in range(10):
            a = -math.pi / 2 + math.pi * k / 5
            rr = r if k % 2 == 0 else r * 0.42
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        return [pts]
    if motif == "heart":
        pts = []
        for k in range(40):
            t = 2 * math.pi * k / 40
            x = 16 * math.sin(t) ** 3
            y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
            pts.append((cx + r * x / 17, cy - r * y / 17))
        return [pts]
    if motif == "moon":
        outer = [(cx + r * math.cos(2 * math.pi * k / 40), cy + r * math.sin(2 * math.pi * k / 40)) for k in range(21)]
        # the inner arc of the crescent, traced back from bottom to top
        inner = [
            (cx + 0.45 * r + 0.8 * r * math.cos(math.pi - math.pi * k / 20), cy + 0.8 * r * math.sin(math.pi - math.pi * k / 20))
            for k in range(21)
        ]
        return [[(2 * cx - x, y) for x, y in outer] + [(2 * cx - x, y) for x, y in inner]]
    raise ValueError(f"unknown motif {motif!r}")


def _shade(rgb: tuple[int, int, int], f: float) -> tuple[int, int, int]:
    return tuple(int(max(0, min(255, c * f))) for c in rgb)  # type: ignore[return-value]


def _details(draw: ImageDraw.ImageDraw, attrs: dict[str, str], main: tuple[int, int, int], bg: tuple[int, int, int]) -> None:
    """Seams, collars, necklines, buttons: what makes a shirt not a t-shirt."""
    cat = attrs["category"]
    dark = _shade(main, 0.55) if sum(main) > 150 else _shade((90, 90, 90), 1.0)
    neck = attrs.get("neckline")
    top = 0.20 if cat == "dress" else 0.22
    if neck == "crew":
        draw.chord(_box(0.43, top - 0.05, 0.57, top + 0.05), 0, 180, fill=bg)
    elif neck == "v-neck":
        draw.polygon(_px([(0.42, top - 0.001), (0.58, top - 0.001), (0.5, top + 0.14)]), fill=bg)
    elif neck == "turtleneck":
        for k in range(3):
            y = top - 0.07 + 0.03 * k
            draw.line(_px([(0.44, y), (0.56, y)]), fill=dark, width=1)
    if cat == "shirt":
        draw.polygon(_px([(0.40, 0.215), (0.5, 0.215), (0.5, 0.30), (0.38, 0.27)]), fill=dark)
        draw.polygon(_px([(0.60, 0.215), (0.5, 0.215), (0.5, 0.30), (0.62, 0.27)]), fill=dark)
        draw.line(_px([(0.5, 0.30), (0.5, 0.82)]), fill=dark, width=1)
        for k in range(5):
            y = (0.36 + 0.1 * k) * SIZE
            draw.ellipse((SIZE / 2 - 1.5, y - 1.5, SIZE / 2 + 1.5, y + 1.5), fill=dark)
    elif cat == "jacket":
        draw.polygon(_px([(0.44, 0.20), (0.5, 0.45), (0.5, 0.74), (0.49, 0.74), (0.38, 0.30)]), fill=dark)
        draw.polygon(_px([(0.56, 0.20), (0.5, 0.45), (0.51, 0.74), (0.62, 0.30)]), fill=dark)
        _closure(draw, attrs.get("closure", "buttons"), 0.45, 0.74, main)
    elif cat == "coat":
        draw.line(_px([(0.31, 0.52), (0.69, 0.52)]), fill=dark, width=3)
        _closure(draw, attrs.get("closure", "buttons"), 0.20, 0.94, main)
    elif cat == "hoodie":
        draw.ellipse(_box(0.41, 0.15, 0.59, 0.33), fill=dark)
        draw.polygon(_px([(0.40, 0.60), (0.60, 0.60), (0.64, 0.76), (0.36, 0.76)]), outline=dark)
    elif cat in ("trousers", "shorts"):
        y = 0.15 if cat == "trousers" else 0.31
        draw.line(_px([(0.33, y), (0.67, y)]), fill=dark, width=2)
    elif cat == "skirt":
        draw.line(_px([(0.36, 0.28), (0.64, 0.28)]), fill=dark, width=2)
    elif cat == "hat":
        draw.line(_px([(0.5, 0.26), (0.5, 0.60)]), fill=dark, width=1)
        draw.ellipse(_box(0.48, 0.245, 0.52, 0.285), fill=dark)


def _closure(draw: ImageDraw.ImageDraw, closure: str, top: float, bottom: float, main: tuple[int, int, int]) -> None:
    """Big buttons or a zip down the front, in a colour that stands out from the garment's."""
    ink = (30, 30, 30) if sum(main) > 330 else (235, 235, 225)
    if closure == "zip":  # a broad metal line with a pull tab at the top
        draw.line(_px([(0.5, top), (0.5, bottom)]), fill=ink, width=max(2, SIZE // 32))
        draw.rectangle(_box(0.47, top + 0.01, 0.53, top + 0.07), fill=ink)
        return
    r = 0.03 * SIZE
    n = 3 if bottom - top < 0.4 else 4  # spaced so that buttons never merge into a line
    for k in range(n):
        y = (top + 0.05 + (bottom - top - 0.12) * k / (n - 1)) * SIZE
        draw.ellipse((SIZE / 2 - r, y - r, SIZE / 2 + r, y + r), fill=ink)


_MOTIF_CENTRE = {"t-shirt": (0.5, 0.47), "hoodie": (0.5, 0.47), "bag": (0.5, 0.64)}


def render_with_mask(attrs: dict[str, str], rng: np.random.Generator) -> tuple[Image.Image, np.ndarray]:
    """The item image (RGB, SIZE x SIZE) and its garment mask (bool) after nuisance transforms."""
    main = COLOUR_RGB[attrs["colour"]]
    accent = COLOUR_RGB[attrs["accent"]] if "accent" in attrs else main
    base = np.array(BACKGROUND_RGB[attrs.get("background", "white")])
    bg = tuple(int(c) for c in np.clip(base + rng.integers(-5, 6, size=3), 0, 255))  # a tint nobody names

    mask_img = Image.new("L", (SIZE, SIZE), 0)
    md = ImageDraw.Draw(mask_img)
    for poly in _silhouette(attrs):
        md.polygon(_px(poly), fill=255)
    _extra_mask(md, attrs)
    mask = np.asarray(mask_img, np.float32)[..., None] / 255.0

    amount = _pattern_mask(attrs.get("pattern", "solid"), rng, attrs.get("scale", "small"))[..., None]
    cloth = (1 - amount) * np.array(main, np.float32) + amount * np.array(accent, np.float32)
    arr = mask * cloth + (1 - mask) * np.array(bg, np.float32)
    img = Image.fromarray(arr.astype(np.uint8), "RGB")

    draw = ImageDraw.Draw(img)
    _details(draw, attrs, main, bg)
    motif = attrs.get("motif", "none")
    if motif != "none":
        cx, cy = _MOTIF_CENTRE[attrs["category"]]
        for poly in _motif_polygon(motif, cx * SIZE, cy * SIZE, 0.11 * SIZE):
            draw.polygon(poly, fill=accent)

    # Nuisance: one affine transform (rotation, scale, shift) for image and mask alike.
    angle = math.radians(rng.uniform(-7, 7))
    scale = rng.uniform(0.88, 1.06)
    tx, ty = rng.uniform(-5, 5, size=2)
    c, s = math.cos(angle) / scale, math.sin(angle) / scale
    h = SIZE / 2
    coeffs = (c, s, h - c * (h + tx) - s * (h + ty), -s, c, h + s * (h + tx) - c * (h + ty))
    img = img.transform((SIZE, SIZE), Image.Transform.AFFINE, coeffs, Image.Resampling.BILINEAR, fillcolor=bg)
    mask_t = mask_img.transform((SIZE, SIZE), Image.Transform.AFFINE, coeffs, Image.Resampling.NEAREST, fillcolor=0)

    # Lighting: a gentle linear gradient in a random direction, plus a little noise.
    theta = rng.uniform(0, 2 * math.pi)
    strength = rng.uniform(0.0, 0.12)
    yy, xx = np.mgrid[-1:1:complex(0, SIZE), -1:1:complex(0, SIZE)]
    light = 1.0 + strength * (np.cos(theta) * xx + np.sin(theta) * yy) / 1.4
    noise = rng.normal(0, 2.0, size=(SIZE, SIZE, 1))
    out = np.asarray(img, np.float32) * light[..., None].astype(np.float32) + noise.astype(np.float32)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB"), np.asarray(mask_t) > 127


def render(attrs: dict[str, str], rng: np.random.Generator) -> Image.Image:
    return render_with_mask(attrs, rng)[0]
