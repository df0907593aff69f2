"""Sure readings a development list says are wrong: for each word or phrase of a list (``{facet: {word: value}}``),
the whole entry is the message, as a user would open with it ("a tartan cloche"). A positive reading at or above ``confidence.SURE`` is *wrong* when the list
gives that facet another value for the entry, *extra* when the list names no value of that facet for it (often
harmless: "camel coat" read as beige too). Guesses are counted apart: the dialogue can recover them.

    PYTHONPATH=$PWD HF_HUB_OFFLINE=1 python tests/agents/dev_sure.py tests/agents/dev_vocabulary_8_garment.yaml [--list]

Development lists only: it never reads the held-out folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from agents.confidence import SURE
from agents.lexicon import Lexicon
from agents.understand import parse
from retrieval.facets import demo_facets


def expectations(vocabulary: dict) -> dict[str, dict[str, str]]:
    """{entry: {facet: value}} over every facet class that lists the entry."""
    out: dict[str, dict[str, str]] = {}
    for facet, words in vocabulary.items():
        for w, v in (words.items() if isinstance(words, dict) else []):
            out.setdefault(str(w), {})[facet] = v
    return out


def judge(expected: dict[str, dict[str, str]], lexicon: Lexicon) -> dict[str, list[tuple[str, str]]]:
    """{"wrong", "extra", "guess wrong"}: (entry, "facet:value source") for each reading of those kinds."""
    out: dict[str, list[tuple[str, str]]] = {"wrong": [], "extra": [], "guess wrong": []}
    for entry, want in expected.items():
        for m in parse(entry, lexicon).mentions:
            if not m.positive or want.get(m.facet) == m.value:
                continue
            kind = "wrong" if m.facet in want else "extra"
            if m.confidence < SURE:
                kind = "guess wrong"
            out[kind].append((entry, f"{m.facet}:{m.value} ({m.source}, {m.text!r})"))
    return out


def main(argv: list[str]) -> None:
    lexicon = Lexicon(demo_facets()).warm()
    for path in [a for a in argv if not a.startswith("--")]:
        vocabulary = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        expected = expectations(vocabulary)
        result = judge(expected, lexicon)
        print(f"{path} ({len(expected)} entries): sure wrong {len(result['wrong'])}, sure extra "
              f"{len(result['extra'])}, guessed wrong or extra {len(result['guess wrong'])}")
        if "--list" in argv:
            for kind, rows in result.items():
                for entry, got in rows:
                    print(f"    {kind}: {entry!r} -> {got}")


if __name__ == "__main__":
    main(sys.argv[1:])
