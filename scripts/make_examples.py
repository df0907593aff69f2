"""Render the sample reference photos shipped in ``assets/examples/``.

They come from ``EXAMPLE_SEED``, a split disjoint from the default gallery, so
"like this, but in navy" never simply finds the example itself. Re-running
gives byte-identical files (the renderer is seeded).

    python scripts/make_examples.py [--count 6] [--out assets/examples]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing

from retrieval.catalog.items import EXAMPLE_SEED, make_item  # noqa: E402


def pick(count: int, scan: int = 200) -> list:
    """The first items of distinct categories, so the examples show the catalog's range."""
    chosen, seen = [], set()
    for i in range(scan):
        item = make_item(EXAMPLE_SEED, i)
        if item.attributes["category"] not in seen:
            chosen.append(item)
            seen.add(item.attributes["category"])
        if len(chosen) == count:
            break
    return chosen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=6)
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "examples")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    index = {}
    for n, item in enumerate(pick(args.count), start=1):
        name = f"example_{n}.png"
        item.image().save(args.out / name, optimize=True)
        index[name] = {"id": item.id, "caption": item.captions[0], "attributes": item.attributes}
        print(f"{name}: {item.captions[0]}")
    (args.out / "examples.json").write_text(json.dumps(index, indent=1) + "\n")


if __name__ == "__main__":
    main()
