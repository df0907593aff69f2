"""Encoding speed of the demo encoder on this machine: images/s and texts/s (a benchmark, not a test).

    .venv/bin/python scripts/bench_encoder.py [--threads 2] [--n 1024]

Reports the image tower alone (preprocessed 64 px tensors), the whole image
path (128 px PIL renders -> preprocess -> tower), and the text tower with
open_clip's tokenizer padding to the context length and with batches cut to
their longest caption (``retrieval.demo_encoder.encode_texts``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from retrieval import demo_encoder  # noqa: E402
from retrieval.catalog.items import HELDOUT_SEED, make_item  # noqa: E402
from retrieval.demo_encoder import encode_texts  # noqa: E402


def rate(fn, n: int, repeats: int = 3) -> float:
    fn()  # warm-up
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return n / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--n", type=int, default=1024, help="images and texts per timed run")
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model, preprocess, tokenizer = demo_encoder.create()
    items = [make_item(HELDOUT_SEED, i) for i in range(args.n)]
    images = [it.image() for it in items]
    texts = [it.captions[i % len(it.captions)] for i, it in enumerate(items)]
    x = torch.stack([preprocess(im) for im in images])

    @torch.no_grad()
    def tower():
        for s in range(0, args.n, args.batch):
            model.encode_image(x[s : s + args.batch], normalize=True)

    @torch.no_grad()
    def pipeline():
        for s in range(0, args.n, args.batch):
            model.encode_image(torch.stack([preprocess(im) for im in images[s : s + args.batch]]), normalize=True)

    @torch.no_grad()
    def padded():
        for s in range(0, args.n, args.batch):
            model.encode_text(tokenizer(texts[s : s + args.batch]), normalize=True)

    print(f"threads {torch.get_num_threads()}, n {args.n}, batch {args.batch}, "
          f"image tower {sum(p.numel() for p in model.visual.parameters()) / 1e6:.2f}M params")
    print(f"image tower (64 px tensors)      {rate(tower, args.n):8.0f} images/s")
    print(f"image path (128 px PIL in)       {rate(pipeline, args.n):8.0f} images/s")
    print(f"text, padded to context {tokenizer.context_length}     {rate(padded, args.n, 1):8.0f} texts/s")
    print(f"text, batches cut to longest     {rate(lambda: encode_texts(model, tokenizer, texts), args.n):8.0f} texts/s")


if __name__ == "__main__":
    main()
