"""What the demo encoder's image tower is trained on: items, their renders, and their captions.

Items are drawn from ``TRAIN_SEED`` (disjoint from the gallery and the held-out evaluation seed), optionally in
groups that differ in one attribute each (hard negatives share a batch). Each item gets full descriptions and
partial ones in varied phrasings; a caption records the attributes it actually states, so the loss
(``training.train_demo``) counts it as positive for exactly the images that have them. Renders and the locked
MiniLM caption embeddings are cached by content under ``$CHATLENS_HOME/demo-train``.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image
from tqdm.auto import tqdm

from retrieval.atomic import atomic_path
from retrieval.catalog.captions import describe
from retrieval.catalog.items import TRAIN_SEED, make_item
from retrieval.catalog.render import render
from retrieval.catalog.schema import (
    CATALOG_VERSION,
    CATEGORY_FACETS,
    COLOUR_RGB,
    EXCLUDED_VALUES,
    FACETS,
    requirements_met,
)
from retrieval.demo_encoder import encode_texts
from retrieval.facets import FacetSet, demo_facets

from .config import TrainConfig
from .train_words import vary


def _contrasts(a: str, b: str) -> bool:
    return float(np.linalg.norm(np.subtract(COLOUR_RGB[a], COLOUR_RGB[b], dtype=float))) > 120.0


def _needs_accent(attrs: dict[str, str]) -> bool:
    return attrs.get("pattern", "solid") != "solid" or attrs.get("motif", "none") != "none"


def mutate(attrs: dict[str, str], rng: random.Random) -> dict[str, str]:
    """A copy of ``attrs`` with one attribute changed, still a valid catalog item (a hard negative).

    A category only changes to one with the same facets; a second colour is
    added, kept or dropped as the pattern and motif require.
    """
    cat = attrs["category"]
    for _ in range(20):
        f = rng.choice([k for k in attrs if k != "accent" or _needs_accent(attrs)])
        out = dict(attrs)
        if f == "category":
            same = [c for c in CATEGORY_FACETS if c != cat and CATEGORY_FACETS[c] == CATEGORY_FACETS[cat]]
            if not same:
                continue
            out[f] = rng.choice(same)
        elif f in ("colour", "accent"):
            other = attrs.get("colour" if f == "accent" else "accent")
            choices = [c for c in COLOUR_RGB if c != attrs[f] and (other is None or _contrasts(c, other))]
            out[f] = rng.choice(choices)
        else:
            if f == "pattern" and attrs.get("motif", "none") != "none":
                continue  # motifs only go on solid items
            if f == "motif" and attrs.get("pattern", "solid") != "solid":
                continue
            banned = EXCLUDED_VALUES.get((cat, f), frozenset()) | {attrs[f]}
            out[f] = rng.choice([v for v in FACETS[f].value_names if v not in banned])
        # a facet another decides (a pattern's scale): added or dropped with it
        for dependent in (f for f in CATEGORY_FACETS[out["category"]] if FACETS[f].requires):
            if requirements_met(dependent, out) and dependent not in out:
                out[dependent] = rng.choice(FACETS[dependent].value_names)
            elif not requirements_met(dependent, out):
                out.pop(dependent, None)
        if _needs_accent(out) and "accent" not in out:
            out["accent"] = rng.choice([c for c in COLOUR_RGB if _contrasts(c, out["colour"])])
        elif not _needs_accent(out):
            out.pop("accent", None)
        return out
    return dict(attrs)


def training_attributes(n: int, group: int = 1) -> list[dict[str, str]]:
    """Attributes of the training items: TRAIN_SEED items, or with ``group`` > 1 each
    TRAIN_SEED item followed by ``group - 1`` one-attribute variants of it."""
    out: list[dict[str, str]] = []
    for i in range(n):
        base = make_item(TRAIN_SEED, i - i % group, n_captions=0).attributes
        out.append(base if i % group == 0 else mutate(base, random.Random(f"variant-{TRAIN_SEED}-{i}")))
    return out


def _render_small(args: tuple[int, int, dict, int]) -> np.ndarray:
    seed, index, attrs, size = args
    img = render(attrs, np.random.default_rng([seed, index, 1]))  # the catalog's own image stream
    # the same resize the factory's preprocess does (PIL bicubic with antialiasing)
    return np.asarray(img.resize((size, size), Image.Resampling.BICUBIC), np.uint8)


def render_images(attrs: list[dict[str, str]], size: int, workers: int = 2, cache: Path | None = None) -> np.ndarray:
    """(n, size, size, 3) uint8 renders of the training items, cached as .npy when ``cache`` is given."""
    key = hashlib.sha256(json.dumps(attrs, sort_keys=True).encode()).hexdigest()[:12]
    path = Path(cache) / f"renders-v{CATALOG_VERSION}-s{TRAIN_SEED}-n{len(attrs)}-{size}px-{key}.npy" if cache else None
    if path and path.exists():
        return np.load(path)
    n = len(attrs)
    jobs = [(TRAIN_SEED, i, a, size) for i, a in enumerate(attrs)]
    bar = tqdm(total=n, desc="rendering training items", unit="item", disable=False)
    out = np.empty((n, size, size, 3), np.uint8)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for i, arr in enumerate(pool.map(_render_small, jobs, chunksize=64)):
                out[i] = arr
                bar.update(1)
    else:
        for i, job in enumerate(jobs):
            out[i] = _render_small(job)
            bar.update(1)
    bar.close()
    if path:
        _save_atomic(path, out)
    return out


def _save_atomic(path: Path, array: np.ndarray) -> None:
    """A cache file is either complete or absent (``retrieval.atomic``; a cache, so not fsynced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path, durable=False) as tmp, open(tmp, "wb") as fh:
        np.save(fh, array)  # through a handle: np.save would add ".npy" to the temporary name


def mentioned(attrs: dict[str, str], facets: Sequence[str], text: str) -> dict[str, str]:
    """The attributes a caption built by ``describe(attrs, facets, ...)`` actually states.

    ``describe`` drops the second colour unless a pattern or motif carries it,
    and sometimes leaves "no print" unsaid; a caption is positive only for
    images that match what it states.
    """
    said = {f: attrs[f] for f in facets if f in attrs}
    carried = ("pattern" in said and said["pattern"] != "solid") or ("motif" in said and said["motif"] != "none")
    if "accent" in said and not carried:
        del said["accent"]
    if said.get("motif") == "none":
        words = FACETS["motif"].value("none").words
        if not any(w in text for w in words):
            del said["motif"]
    return said


def caption_pool(
    attrs: dict[str, str], rng: random.Random, n_full: int, n_partial: int, extra: float = 0.0
) -> list[tuple[str, dict]]:
    """Training captions of one item: (text, attributes it states), never a held-out word.

    ``extra`` is the chance of each stated word being swapped for one of the
    extra training synonyms (``train_words.EXTRA_WORDS``).
    """
    keys = list(attrs)
    out = []
    for k in range(n_full + n_partial):
        subset = keys if k < n_full else rng.sample(keys, rng.randint(1, max(1, len(keys) - 1)))
        text = describe(attrs, subset, rng)
        said = mentioned(attrs, subset, text)
        if said:
            out.append((vary(text, said, rng, extra) if extra else text, said))
    return out


def cached_text_embeddings(model, tokenizer, texts: list[str], cache: Path | None) -> np.ndarray:
    """``encode_texts`` of the unique texts, cached by their content (MiniLM is locked, so they never change)."""
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = Path(cache) / f"minilm-{key}.npy" if cache else None
    if path and path.exists():
        return np.load(path)
    vecs = encode_texts(model, tokenizer, texts, progress=True)
    if path:
        _save_atomic(path, vecs)
    return vecs


@dataclass
class TrainingSet:
    images: np.ndarray  # (n, s, s, 3) uint8
    attrs: list[dict[str, str]]  # per item
    captions: list[list[int]]  # per item: indices into ``texts``
    texts: list[str]  # unique caption strings
    stated: list[dict[str, str]]  # per entry of ``texts``: the attributes it states
    text_vecs: np.ndarray  # (len(texts), d) unit MiniLM embeddings
    facet_vecs: np.ndarray | None = None  # (prompts, d) unit embeddings of ``demo_facets().all_prompts()``
    facet_targets: np.ndarray | None = None  # (n, facets) index of each item's value, -1 where the facet does not apply


def facet_targets(attrs: Sequence[dict[str, str]], facets: FacetSet) -> np.ndarray:
    """(items, facets) value index per item and facet, -1 where the facet does not apply."""
    out = np.full((len(attrs), len(facets.facets)), -1, np.int64)
    for i, a in enumerate(attrs):
        for j, f in enumerate(facets):
            if f.name in a:
                out[i, j] = f.values.index(a[f.name])
    return out


def build_training_set(model, tokenizer, cfg: TrainConfig, cache: Path | None = None) -> TrainingSet:
    size = model.visual.image_size
    size = size[0] if isinstance(size, tuple) else size
    attrs = training_attributes(cfg.n_items, cfg.group)
    images = render_images(attrs, size, cfg.workers, cache)
    rng = random.Random(f"train-captions-{cfg.seed}")
    index: dict[tuple[str, str], int] = {}
    texts: list[str] = []
    stated: list[dict[str, str]] = []
    per_item: list[list[int]] = []
    for a in attrs:
        ids = []
        for text, said in caption_pool(a, rng, cfg.full_captions, cfg.partial_captions, cfg.extra_words):
            key = (text, json.dumps(said, sort_keys=True))
            if key not in index:
                index[key] = len(texts)
                texts.append(text)
                stated.append(said)
            ids.append(index[key])
        per_item.append(ids)
    facets = demo_facets()
    prompts = [p for _, _, p in facets.all_prompts()]
    vecs = cached_text_embeddings(model, tokenizer, texts, cache)
    prompt_vecs = encode_texts(model, tokenizer, prompts)
    return TrainingSet(images, attrs, per_item, texts, stated, vecs, prompt_vecs, facet_targets(attrs, facets))
