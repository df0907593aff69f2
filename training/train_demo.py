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

The items, renders and captions come from ``training/data.py``; the settings are ``training/config.py``.
This module holds the losses, the training loop and the command line.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from tqdm.auto import tqdm

from retrieval import demo_encoder
from retrieval.config import data_home
from retrieval.facets import FacetSet, demo_facets

from .config import TrainConfig
from .data import TrainingSet, build_training_set

# open_clip's default (OpenAI) normalisation, which the factory's preprocess applies too
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)


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
