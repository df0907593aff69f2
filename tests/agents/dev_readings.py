"""Every reading of every development-list word, bare and in three requests, as JSON; or the readings that
differ between two such files (what a change to the engine changed, right or wrong).

Run from the repository root of each tree to compare (development lists only: never the held-out folder):

    PYTHONPATH=$PWD HF_HUB_OFFLINE=1 python tests/agents/dev_readings.py /tmp/after.json
    python tests/agents/dev_readings.py --diff /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SHAPES = ("{w}", "a red {w}", "a dress with {w}", "a shirt with {w}")
# Ordinary phrases a change to facet nouns, plurals or prints could misread.
ORDINARY = ["a shirt with a collar", "a logo on the chest", "blue jeans", "a bag with handles", "tanks", "boots",
            "glasses", "stars", "hearts", "checks", "spots", "a print", "a striped print", "a floral print",
            "a sports car", "a dog print", "a cat print", "a bird print", "a leaf print", "a tree print",
            "a fruit print", "a coat with buttons", "a jacket with a zip"]


def words() -> list[str]:
    found: set[str] = set()

    def walk(x) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                found.add(str(k))
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for path in sorted(HERE.glob("dev_vocabulary*.yaml")) + [HERE / "dev_colours.yaml"]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(found) + ORDINARY


def readings() -> dict[str, list]:
    from agents.lexicon import Lexicon
    from agents.understand import parse
    from retrieval.facets import demo_facets

    lexicon = Lexicon(demo_facets())
    return {text: sorted([m.facet, m.value, m.positive] for m in parse(text, lexicon).mentions)
            for w in words() for text in (s.format(w=w) for s in SHAPES)}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--diff"]:
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:3])
        changed = [t for t in before if before[t] != after.get(t)]
        for t in changed:
            print(f"{t!r}: {before[t]} -> {after.get(t)}")
        print(f"{len(changed)} of {len(before)} readings changed")
        return
    Path(argv[0]).write_text(json.dumps(readings(), sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
