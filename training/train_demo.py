"""Train the demo encoder's image tower: ``python -m training.train_demo``.

The text tower is all-MiniLM-L6-v2, locked, so every caption's embedding is
fixed: they are computed once (and cached) and training only moves the image
tower into MiniLM's sentence space. Items are rendered from ``TRAIN_SEED``,
disjoint from the gallery and the held-out evaluation seed. Each item gets
full descriptions and partial ones (any subset of its facets) in varied
phrasings; the contrastive loss counts a caption as positive for every image
in the batch that has all the attributes it names (multi-positive InfoNCE),
so "a red item" is not pushed away from the other red items in the batch.
A second loss scores each facet's value prompts against the image the way
the app's zero-shot facet scorer does, so small details (a neckline, which of
two colours is the main one) are learnt, not drowned in the sentence vector.
Held-out synonyms (``describe(..., heldout=True)``) never appear here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from tqdm.auto import tqdm

from retrieval import demo_encoder
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
from retrieval.config import data_home
from retrieval.demo_encoder import encode_texts
from retrieval.facets import FacetSet, demo_facets

from .train_words import vary

# open_clip's default (OpenAI) normalisation, which the factory's preprocess applies too
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)


@dataclass
class TrainConfig:
    seed: int = 0  # torch / sampling seed (the items come from TRAIN_SEED regardless)
    n_items: int = 16000  # training renders
    full_captions: int = 2  # full descriptions (every facet) per item
    partial_captions: int = 2  # descriptions of a random subset of the facets per item
    epochs: float = 20.0  # passes over the items (one caption drawn per item per pass)
    batch_size: int = 256  # contrastive batch (images and captions)
    lr: float = 2e-3  # AdamW peak learning rate (cosine decay after warm-up)
    weight_decay: float = 0.05
    warmup_steps: int = 100
    init_temperature: float = 0.02  # starting 1/logit_scale; MiniLM captions sit close together, so start sharp
    flip: bool = True  # random horizontal flips (garments are symmetric)
    extra_words: float = 0.0  # chance of swapping each stated word for an extra synonym (train_words.py)
    group: int = 1  # >1: items come in groups differing in one attribute each (hard negatives share a batch)
    facet_weight: float = 1.0  # weight of the per-facet prompt-classification loss (0: contrastive loss only)
    threads: int = 2  # torch CPU threads
    init: str = ""  # continue from these weights instead of a random image tower
    workers: int = 2  # rendering processes
    out: str = str(demo_encoder.WEIGHTS_FILE)  # where the trained weights go


# ---------------------------------------------------------------- data


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


def positives(item_attrs: Sequence[dict[str, str]], stated: Sequence[dict[str, str]]) -> torch.Tensor:
    """(images, captions) bool: image i has every attribute caption j states."""
    return torch.tensor([[all(a.get(f) == v for f, v in s.items()) for s in stated] for a in item_attrs])


def multi_positive_loss(image_vecs: torch.Tensor, text_vecs: torch.Tensor, pos: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    """Symmetric InfoNCE with a uniform target over all positives of each row / column."""
    logits = scale * image_vecs @ text_vecs.T
    target = pos.float()
    i2t = -(target / target.sum(1, keepdim=True) * F.log_softmax(logits, dim=1)).sum(1).mean()
    t2i = -(target / target.sum(0, keepdim=True) * F.log_softmax(logits, dim=0)).sum(0).mean()
    return (i2t + t2i) / 2


def facet_loss(image_vecs: torch.Tensor, prompt_vecs: torch.Tensor, targets: torch.Tensor, facets: FacetSet, scale: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of each facet's value prompts scored against the images, as the zero-shot scorer does.

    The contrastive loss sees a whole caption at once, where a neckline or a
    second colour is a small part of the sentence vector; this term asks the
    image tower to rank "a red item" above "a white item" for a red item with
    white stripes, and "a v-neck item" above "an item with crew neck".
    """
    sims = image_vecs @ prompt_vecs.T
    losses = []
    for j, spans in enumerate(facets.value_columns()):
        rows = targets[:, j] >= 0
        if rows.any():
            logits = scale * torch.stack([sims[rows, cols].mean(dim=1) for cols in spans], dim=1)
            losses.append(F.cross_entropy(logits, targets[rows, j]))
    return torch.stack(losses).mean() if losses else sims.new_zeros(())


def to_tensor(batch: np.ndarray, flip: np.ndarray | None = None) -> torch.Tensor:
    x = torch.from_numpy(batch).permute(0, 3, 1, 2).float().div_(255.0)
    if flip is not None and flip.any():
        x[torch.from_numpy(flip)] = x[torch.from_numpy(flip)].flip(-1)
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    return (x - mean) / std


# ---------------------------------------------------------------- training


def train(model, data: TrainingSet, cfg: TrainConfig, max_steps: int | None = None) -> list[float]:
    """Train ``model.visual`` and ``model.logit_scale`` in place; returns the loss of every step."""
    torch.manual_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed)
    model.lock_text_tower(unlocked_layers=0, freeze_layer_norm=True)
    for p in model.text.parameters():
        p.requires_grad_(False)
    model.text.eval()
    model.visual.train()
    if not cfg.init:
        with torch.no_grad():
            model.logit_scale.fill_(math.log(1 / cfg.init_temperature))
    params = [p for p in model.visual.parameters()]
    decay = [p for p in params if p.ndim >= 2]
    no_decay = [p for p in params if p.ndim < 2]
    opt = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": cfg.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
            {"params": [model.logit_scale], "weight_decay": 0.0},
        ],
        lr=cfg.lr,
    )
    n = len(data.attrs)
    bs = min(cfg.batch_size, n)
    steps_per_epoch = max(1, n // bs)
    total = max_steps or max(1, int(cfg.epochs * steps_per_epoch))
    text_vecs = torch.from_numpy(data.text_vecs)
    use_facets = cfg.facet_weight > 0 and data.facet_vecs is not None
    if use_facets:
        facets = demo_facets()
        prompt_vecs = torch.from_numpy(data.facet_vecs)
        targets = torch.from_numpy(data.facet_targets)
    losses: list[float] = []
    bar = tqdm(total=total, desc="training demo image tower", unit="step", disable=False)
    step = 0
    while step < total:
        g = max(1, cfg.group)  # whole groups go into one batch, so a variant meets its base
        order = (rng.permutation(math.ceil(n / g))[:, None] * g + np.arange(g)[None]).ravel()
        order = order[order < n]
        for s in range(steps_per_epoch):
            if step >= total:
                break
            idx = np.sort(order[s * bs : (s + 1) * bs])
            caps = [data.captions[i][rng.integers(len(data.captions[i]))] for i in idx]
            pos = positives([data.attrs[i] for i in idx], [data.stated[c] for c in caps])
            flips = rng.random(len(idx)) < 0.5 if cfg.flip else None
            x = to_tensor(data.images[idx], flips)
            lr = cfg.lr * min(1.0, (step + 1) / cfg.warmup_steps) * 0.5 * (1 + math.cos(math.pi * step / total))
            for g in opt.param_groups:
                g["lr"] = lr
            img = F.normalize(model.visual(x), dim=-1)
            scale = model.logit_scale.exp()
            loss = multi_positive_loss(img, text_vecs[caps], pos, scale)
            if use_facets:
                loss = loss + cfg.facet_weight * facet_loss(img, prompt_vecs, targets[idx], facets, scale)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            with torch.no_grad():
                model.logit_scale.clamp_(0, math.log(100))
            losses.append(loss.item())
            step += 1
            bar.set_postfix(loss=f"{np.mean(losses[-20:]):.3f}", scale=f"{model.logit_scale.exp().item():.1f}")
            bar.update(1)
    bar.close()
    model.eval()
    return losses


def main(argv: Sequence[str] | None = None) -> None:
    defaults = TrainConfig()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, value in asdict(defaults).items():
        kind = type(value)
        if kind is bool:
            ap.add_argument(f"--{name.replace('_', '-')}", type=lambda s: s.lower() in ("1", "true", "yes"), default=value)
        else:
            ap.add_argument(f"--{name.replace('_', '-')}", type=kind, default=value)
    ap.add_argument("--eval-items", type=int, default=1000, help="held-out items for the closing evaluation (0: skip)")
    args = ap.parse_args(argv)
    cfg = TrainConfig(**{k: getattr(args, k) for k in asdict(defaults)})
    torch.set_num_threads(cfg.threads)
    t0 = time.time()
    model, preprocess, tokenizer = demo_encoder.create_untrained()
    if cfg.init:
        demo_encoder.load_weights(model, Path(cfg.init))
    cache = data_home() / "demo-train"
    data = build_training_set(model, tokenizer, cfg, cache)
    print(f"{len(data.attrs)} items, {len(data.texts)} unique captions; data ready in {time.time() - t0:.0f}s")
    losses = train(model, data, cfg)
    meta = {"config": json.dumps(asdict(cfg)), "final_loss": f"{np.mean(losses[-50:]):.4f}"}
    path = demo_encoder.save_weights(model, Path(cfg.out), metadata=meta)
    print(f"saved {path} ({path.stat().st_size / 1e6:.1f} MB); total {time.time() - t0:.0f}s")
    if args.eval_items:
        from .demo_eval import evaluate, format_report

        print(format_report(evaluate(model, preprocess, tokenizer, n=args.eval_items)))


if __name__ == "__main__":
    main()
