"""The demo catalog renderer: deterministic, and every attribute value visibly distinct."""

import hashlib
import io

import numpy as np
import pytest

from retrieval.catalog.captions import canonical_caption, describe
from retrieval.catalog.generate import generate_catalog, read_manifest
from retrieval.catalog.items import GALLERY_SEED, HELDOUT_SEED, TRAIN_SEED, make_item, sample_attributes
from retrieval.catalog.render import render_with_mask
from retrieval.catalog.schema import BACKGROUND_RGB, COLOUR_RGB, FACETS, applicable_facets, requirements_met


def png_bytes(img):
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def attrs(**kw):
    base = {"category": "t-shirt", "colour": "red", "pattern": "solid", "sleeve": "short", "neckline": "crew", "motif": "none"}
    base.update(kw)
    return base


def test_schema_size():
    assert len(FACETS["category"].values) >= 8
    assert len(FACETS["colour"].values) >= 12
    assert len(FACETS["pattern"].values) >= 5


def test_same_seed_same_bytes_and_no_twins():
    a = [png_bytes(make_item(GALLERY_SEED, i).image()) for i in range(20)]
    b = [png_bytes(make_item(GALLERY_SEED, i).image()) for i in range(20)]
    assert a == b
    twin = make_item(GALLERY_SEED, 0).attributes
    imgs = {hashlib.sha256(np.asarray(render_with_mask(twin, np.random.default_rng(s))[0]).tobytes()).hexdigest()
            for s in range(10)}
    assert len(imgs) == 10  # same attributes, different nuisance: never pixel twins


def test_splits_are_disjoint_and_ids_stable():
    assert make_item(GALLERY_SEED, 3).id != make_item(TRAIN_SEED, 3).id != make_item(HELDOUT_SEED, 3).id
    assert make_item(GALLERY_SEED, 3).id == "s0-000003"


def test_inapplicable_attributes_are_absent():
    rng = np.random.default_rng(0)
    for _ in range(300):
        a = sample_attributes(rng)
        expected = {"category", *(f for f in applicable_facets(a["category"]) if requirements_met(f, a))}
        assert set(a) - {"accent"} == expected
        assert ("scale" in a) == (a.get("pattern", "solid") != "solid")  # only a patterned item has a repeat size
        if a.get("pattern", "solid") == "solid" and a.get("motif", "none") == "none":
            assert "accent" not in a


@pytest.mark.parametrize("colour", list(COLOUR_RGB))
def test_rendered_colour_is_nearest_to_requested(colour):
    for seed in range(3):
        img, mask = render_with_mask(attrs(colour=colour), np.random.default_rng(seed))
        median = np.median(np.asarray(img, np.float32)[mask], axis=0)
        nearest = min(COLOUR_RGB, key=lambda c: np.linalg.norm(median - np.array(COLOUR_RGB[c])))
        assert nearest == colour


def _row_col_energy(pattern):
    a = {"category": "bag", "colour": "blue", "pattern": pattern, "motif": "none", "accent": "white"}
    img, mask = render_with_mask(a, np.random.default_rng(1))
    g = np.asarray(img.convert("L"), np.float32)
    rows = np.nonzero(mask.sum(axis=1) > 0.5 * mask.sum(axis=1).max())[0]  # the bag's body, not its handle
    cols = np.nonzero(mask[rows].all(axis=0))[0]
    crop = g[rows.min() + 3 : rows.max() - 3, cols.min() + 3 : cols.max() - 3]
    spec = np.abs(np.fft.fft2(crop - crop.mean()))
    h, w = spec.shape
    vertical = spec[3 : h // 2, :3].sum() + spec[3 : h // 2, -2:].sum()  # energy along y only (horizontal bands)
    horizontal = spec[:3, 3 : w // 2].sum() + spec[-2:, 3 : w // 2].sum()  # energy along x only
    return vertical, horizontal, crop.std()


def test_pattern_frequency_content():
    v, h, _ = _row_col_energy("striped")
    assert v > 3 * h  # horizontal stripes: variation down the garment, not across
    v_c, h_c, _ = _row_col_energy("checked")
    assert h_c > 0.3 * v_c and v_c > 0.3 * h_c  # checks vary both ways
    _, _, solid_std = _row_col_energy("solid")
    _, _, dots_std = _row_col_energy("polka-dot")
    _, _, floral_std = _row_col_energy("floral")
    assert dots_std > 4 * solid_std and floral_std > 4 * solid_std


def test_categories_have_distinct_silhouettes():
    masks = {}
    for cat in FACETS["category"].value_names:
        a = {"category": cat, "colour": "red"}
        for f in applicable_facets(cat):
            a[f] = {"pattern": "solid", "motif": "none"}.get(f) or next(
                v for v in FACETS[f].value_names if not (cat in ("t-shirt", "shirt") and v == "sleeveless"))
        rng = np.random.default_rng(0)
        masks[cat] = render_with_mask(a, rng)[1]
    cats = list(masks)
    for i, c1 in enumerate(cats):
        for c2 in cats[i + 1 :]:
            if {c1, c2} == {"t-shirt", "shirt"}:
                continue  # same cut; told apart by collar and buttons (below)
            inter = (masks[c1] & masks[c2]).sum()
            union = (masks[c1] | masks[c2]).sum()
            assert inter / union < 0.9, (c1, c2)
    tee = {"category": "t-shirt", "colour": "red", "pattern": "solid", "sleeve": "short", "neckline": "v-neck", "motif": "none"}
    shirt = {"category": "shirt", "colour": "red", "pattern": "solid", "sleeve": "short"}
    a = np.asarray(render_with_mask(tee, np.random.default_rng(0))[0], np.float32)
    b = np.asarray(render_with_mask(shirt, np.random.default_rng(0))[0], np.float32)
    placket = (slice(40, 100), slice(60, 68))  # the shirt's button line down the middle
    assert np.abs(a[placket] - b[placket]).max(axis=2).mean() > 10  # a dark line and buttons on red


def test_sleeves_and_lengths_change_the_mask():
    short = render_with_mask(attrs(sleeve="short"), np.random.default_rng(0))[1].sum()
    long_ = render_with_mask(attrs(sleeve="long"), np.random.default_rng(0))[1].sum()
    assert long_ > short * 1.1
    dress = {"category": "dress", "colour": "red", "pattern": "solid", "sleeve": "sleeveless", "neckline": "crew"}
    sizes = [render_with_mask({**dress, "length": n}, np.random.default_rng(0))[1].sum() for n in ("mini", "midi", "maxi")]
    assert sizes[0] < sizes[1] < sizes[2]


def test_captions():
    item = make_item(GALLERY_SEED, 9)
    assert len(item.captions) >= 4 and item.captions[0] == canonical_caption(item.attributes)
    a = {"category": "dress", "colour": "red", "pattern": "striped", "accent": "white"}
    assert canonical_caption(a) == "a red dress with white stripes"
    import random

    heldout = describe({"category": "trousers", "colour": "red"}, ["category", "colour"], random.Random(0), heldout=True)
    assert "pants" in heldout and "crimson" in heldout


def test_generate_catalog_is_resumable(tmp_path):
    folder = generate_catalog(tmp_path / "c", n=30, workers=1)
    rows = read_manifest(folder)
    assert len(rows) == 30 and (folder / rows[0]["file"]).exists()
    first = (folder / rows[5]["file"]).read_bytes()
    (folder / "items.jsonl").unlink()  # as if interrupted before the manifest was written
    (folder / rows[7]["file"]).unlink()
    generate_catalog(folder, n=30, workers=1)
    assert len(read_manifest(folder)) == 30 and (folder / rows[5]["file"]).read_bytes() == first


# -- catalog v2: the attributes added so that every item can be told apart in words -----------------


def _mask(a, seed=0):
    return render_with_mask(a, np.random.default_rng(seed))[1]


@pytest.mark.parametrize("background", list(BACKGROUND_RGB))
def test_background_is_the_named_colour(background):
    for seed in range(3):
        img, mask = render_with_mask(attrs(colour="red", background=background), np.random.default_rng(seed))
        median = np.median(np.asarray(img, np.float32)[~mask], axis=0)  # everything but the garment
        nearest = min(BACKGROUND_RGB, key=lambda c: np.linalg.norm(median - np.array(BACKGROUND_RGB[c])))
        assert nearest == background


def _edge_density(pattern: str, scale: str) -> float:
    """Mean brightness gradient inside a bag's body: a pattern magnified has proportionally fewer edges."""
    a = {"category": "bag", "colour": "blue", "pattern": pattern, "scale": scale, "motif": "none", "accent": "white",
         "strap": "handles", "background": "white"}
    img, mask = render_with_mask(a, np.random.default_rng(1))
    g = np.asarray(img.convert("L"), np.float32)
    rows = np.nonzero(mask.sum(axis=1) > 0.5 * mask.sum(axis=1).max())[0]
    cols = np.nonzero(mask[rows].all(axis=0))[0]
    crop = g[rows.min() + 3 : rows.max() - 3, cols.min() + 3 : cols.max() - 3]
    gy, gx = np.gradient(crop)
    return float(np.hypot(gx, gy).mean())


@pytest.mark.parametrize("pattern", ["striped", "polka-dot", "checked", "floral"])
def test_large_patterns_repeat_at_a_longer_period(pattern):
    assert _edge_density(pattern, "small") > 1.4 * _edge_density(pattern, "large")


def test_closure_buttons_are_dots_and_a_zip_is_a_line():
    for cat in ("jacket", "coat"):
        base = {"category": cat, "colour": "red", "pattern": "solid", "background": "white"}
        centre = []
        for closure in ("buttons", "zip"):
            img, mask = render_with_mask({**base, "closure": closure}, np.random.default_rng(0))
            band = np.asarray(img, np.float32)[:, 54:74]  # the front's middle, wide enough for the tilt
            near_ink = np.abs(band - np.array([235, 235, 225])).max(axis=2) < 60  # the light ink used on red
            ink = (near_ink & mask[:, 54:74]).any(axis=1)
            runs = np.diff(np.concatenate([[0], ink.astype(int), [0]]))
            centre.append((ink.sum(), int((runs == 1).sum())))
        (button_px, button_runs), (zip_px, zip_runs) = centre
        assert button_runs >= 3, cat  # separate buttons down the front
        assert zip_runs <= 2 and zip_px > 1.5 * button_px, cat  # one long unbroken line


def test_fit_brim_and_strap_change_the_silhouette():
    trousers = {"category": "trousers", "colour": "red", "pattern": "solid", "background": "white"}
    hem = [_mask({**trousers, "fit": f})[110].sum() for f in ("slim", "wide-leg")]
    assert hem[1] > 1.4 * hem[0]
    hat = {"category": "hat", "colour": "red", "pattern": "solid", "background": "white"}
    brim = [_mask({**hat, "brim": b})[int(0.64 * 128)].sum() for b in ("narrow-brim", "wide-brim")]
    assert brim[1] > 1.3 * brim[0]
    bag = {"category": "bag", "colour": "red", "pattern": "solid", "motif": "none", "background": "white"}
    tops = [np.nonzero(_mask({**bag, "strap": s}).any(axis=1))[0].min() for s in ("handles", "shoulder-strap")]
    assert tops[1] < tops[0] - 10  # the shoulder strap rises well above a top handle


def test_the_default_gallery_has_almost_no_attribute_twins():
    from collections import Counter

    keys = [tuple(sorted(make_item(GALLERY_SEED, i, n_captions=0).attributes.items())) for i in range(2000)]
    twins = Counter(keys)
    assert np.mean([min(1.0, 10 / twins[k]) for k in keys]) >= 0.99  # a full description leaves <= 10 look-alikes


def test_new_facets_are_described_in_words():
    a = {"category": "hat", "colour": "blue", "pattern": "checked", "scale": "large", "accent": "white",
         "brim": "wide-brim", "background": "pink"}
    assert canonical_caption(a) == "a blue wide-brimmed hat with large white checks on a pink background"
    b = {"category": "coat", "colour": "red", "pattern": "solid", "closure": "zip", "background": "grey"}
    assert canonical_caption(b) == "a red solid coat with a zip on a grey background"
