"""Quality gates of the demo encoder, measured on held-out renders it never trained on.

``python -m training.demo_eval`` prints every figure; the tests in
``tests/retrieval/test_demo_encoder.py`` assert the same numbers against the
gates of the encoder issue. Items come from ``HELDOUT_SEED``; phrasings with
held-out synonyms come from ``describe(..., heldout=True)``; facet prompts and
scoring are the app's own (``retrieval.facets``).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field

import numpy as np
import torch

from retrieval.catalog.captions import canonical_caption, describe
from retrieval.catalog.items import HELDOUT_SEED, make_item
from retrieval.catalog.render import render
from retrieval.facets import demo_facets, score_facets

NUISANCE_STREAM = 7  # image rng stream of the re-renders (the catalog uses 1)


@dataclass
class EvalReport:
    n: int
    canonical_r1: float = 0.0  # text -> image, full canonical caption
    canonical_r10: float = 0.0
    heldout_r1: float = 0.0  # text -> image, every word replaced by a held-out synonym
    heldout_r10: float = 0.0
    image_r10: float = 0.0  # image -> image: a re-render with other nuisance finds its item in the top 10
    facet_accuracy: dict[str, float] = field(default_factory=dict)  # zero-shot, items where the facet applies
    examples: list[tuple[str, str]] = field(default_factory=list)  # (canonical, held-out) caption samples


@torch.no_grad()
def encode_images(model, preprocess, images, batch_size: int = 256) -> np.ndarray:
    out = []
    for s in range(0, len(images), batch_size):
        x = torch.stack([preprocess(im) for im in images[s : s + batch_size]])
        out.append(model.encode_image(x, normalize=True).float().numpy())
    return np.concatenate(out)


def _recall(sims: np.ndarray, k: int) -> float:
    """Share of rows whose own column (the diagonal) ranks in the top ``k``."""
    own = np.diag(sims)[:, None]
    rank = (sims > own).sum(1)
    return float((rank < k).mean())


def heldout_caption(attrs: dict[str, str], index: int) -> str:
    return describe(attrs, attrs.keys(), random.Random(f"heldout-{index}"), heldout=True)


def evaluate(model, preprocess, tokenizer, n: int = 1000, seed: int = HELDOUT_SEED) -> EvalReport:
    from retrieval.demo_encoder import encode_texts  # one text path for training and evaluation

    items = [make_item(seed, i, n_captions=0) for i in range(n)]
    attrs = [it.attributes for it in items]
    gallery = encode_images(model, preprocess, [it.image() for it in items])
    rerenders = [render(a, np.random.default_rng([seed, i, NUISANCE_STREAM])) for i, a in enumerate(attrs)]
    queries = encode_images(model, preprocess, rerenders)

    canonical = [canonical_caption(a) for a in attrs]
    heldout = [heldout_caption(a, i) for i, a in enumerate(attrs)]
    facets = demo_facets()
    prompts = [p for _, _, p in facets.all_prompts()]
    vecs = encode_texts(model, tokenizer, canonical + heldout + prompts)
    canon_v, held_v, prompt_v = vecs[:n], vecs[n : 2 * n], vecs[2 * n :]

    report = EvalReport(n=n, examples=list(zip(canonical[:5], heldout[:5], strict=True)))
    sims = canon_v @ gallery.T
    report.canonical_r1, report.canonical_r10 = _recall(sims, 1), _recall(sims, 10)
    sims = held_v @ gallery.T
    report.heldout_r1, report.heldout_r10 = _recall(sims, 1), _recall(sims, 10)
    report.image_r10 = _recall(queries @ gallery.T, 10)
    probs = score_facets(gallery, prompt_v, facets)
    for f in facets:
        rows = [i for i, a in enumerate(attrs) if f.name in a]
        if not rows:
            continue
        pred = probs[f.name][rows].argmax(1)
        truth = np.array([f.values.index(attrs[i][f.name]) for i in rows])
        report.facet_accuracy[f.name] = float((pred == truth).mean())
    return report


def format_report(r: EvalReport) -> str:
    lines = [
        f"held-out items: {r.n}",
        f"text->image canonical  R@1 {r.canonical_r1:.3f}  R@10 {r.canonical_r10:.3f}",
        f"text->image held-out   R@1 {r.heldout_r1:.3f}  R@10 {r.heldout_r10:.3f}",
        f"image->image (other nuisance) R@10 {r.image_r10:.3f}",
        "zero-shot facet accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in r.facet_accuracy.items()),
    ]
    lines += [f"  e.g. {c!r} ~ {h!r}" for c, h in r.examples[:3]]
    return "\n".join(lines)


def main() -> None:
    from retrieval import demo_encoder

    ap = argparse.ArgumentParser(description="Measure the committed demo encoder on held-out renders.")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model, preprocess, tokenizer = demo_encoder.create()
    print(format_report(evaluate(model, preprocess, tokenizer, n=args.n)))


if __name__ == "__main__":
    main()
