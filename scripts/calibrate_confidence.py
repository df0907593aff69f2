"""Measured precision of each reading source (``Mention.source``): how often a source that reads a word reads it right.

The confidences in ``agents/confidence.py`` weight every facet constraint by the source of its reading; this
script measures what each source is actually worth, on development lists the development user
(``tests/agents/dev_user_vocabulary.yaml``, on which the bench choices are made) does not speak. Each word is
parsed the way ``tests/agents/dev_measure.py`` does: bare (the word as a whole message), inside a short request
("a {w} shirt") and as the answer to that facet's question. A positive reading of the word's facet is right when
it names the expected value and wrong otherwise; a reading of another facet is counted apart ("other facet": the
list does not say whether it is wrong, "tank" may be a top). Words of the lists of non-colours read as any colour
are wrong readings of the source that read them. In a request only the word's facet is counted, so the request's
own words ("shirt") are never credited to a source.

Run from the repository root (prints one row per source: readings, right, wrong, precision, the wrong readings
that are non-colours, other facet, the confidence now; ``--wrong=SOURCE`` lists that source's wrong readings):

    PYTHONPATH=$PWD HF_HUB_OFFLINE=1 python scripts/calibrate_confidence.py [--wrong=blend]

Development lists only: it never reads the held-out folder.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

from agents.confidence import confidence
from agents.lexicon import Lexicon
from agents.understand import parse
from retrieval.facets import demo_facets
from tests.agents.dev_measure import NOT_COLOUR_SENTENCES, SENTENCES  # the requests every dev figure uses

DEV = Path(__file__).resolve().parents[1] / "tests" / "agents"
LISTS = ("dev_vocabulary_6.yaml", "dev_vocabulary_6_check.yaml", "dev_vocabulary_colour.yaml",
         "dev_vocabulary_colour_check.yaml", "dev_vocabulary_conf.yaml", "dev_colours.yaml", "dev_not_colours.yaml")
DEV_USER = "dev_user_vocabulary.yaml"



def _flatten(data: dict) -> tuple[dict[tuple[str, str], str], set[str]]:
    """({(facet, word): expected value}, {words that are no colour}) of one list, nested halves included
    (dev_colours.yaml: calibrate/check -> colours/not_colours)."""
    words: dict[tuple[str, str], str] = {}
    not_colours: set[str] = set()
    for key, value in data.items():
        if isinstance(value, list):
            not_colours.update(map(str, value))
        elif key in ("colours", "colour"):
            words.update({("colour", str(w)): str(v) for w, v in value.items()})
        elif key in SENTENCES:
            words.update({(key, str(w)): str(v) for w, v in value.items()})
        elif isinstance(value, dict):
            w, n = _flatten(value)
            words.update(w)
            not_colours |= n
    return words, not_colours


def load(names=LISTS, exclude: str | None = DEV_USER) -> tuple[dict[tuple[str, str], str], set[str]]:
    """The words of ``names`` (first list wins on a repeated word), less any word the development user speaks."""
    words: dict[tuple[str, str], str] = {}
    not_colours: set[str] = set()
    for name in names:
        w, n = _flatten(yaml.safe_load((DEV / name).read_text(encoding="utf-8")))
        for k, v in w.items():
            words.setdefault(k, v)
        not_colours |= n
    if exclude:
        spoken = {str(w).lower() for ws in yaml.safe_load((DEV / exclude).read_text(encoding="utf-8")).values()
                  for w in ws}
        words = {k: v for k, v in words.items() if k[1].lower() not in spoken}
        not_colours = {w for w in not_colours if w.lower() not in spoken}
    return words, not_colours - {w for _, w in words}


def measure(words: dict[tuple[str, str], str], not_colours: set[str], lexicon: Lexicon,
            wrong: dict[str, list[str]] | None = None) -> dict[str, dict[str, int]]:
    """{source: {"right", "wrong", "other", "not colour"}} over every reading of the words, bare, in a request and
    as an answer; "not colour": the wrong readings that are a non-colour read as a colour."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"right": 0, "wrong": 0, "other": 0, "not colour": 0})
    for (facet, w), expected in words.items():
        for text, expect, only_facet in ((w, None, False), (SENTENCES[facet].format(w=w), None, True),
                                         (w, facet, False)):
            for m in parse(text, lexicon, expect).mentions:
                if not m.positive or (only_facet and m.facet != facet):
                    continue
                kind = "other" if m.facet != facet else "right" if m.value == expected else "wrong"
                counts[m.source][kind] += 1
                if kind == "wrong" and wrong is not None:
                    wrong.setdefault(m.source, []).append(f"{text!r} -> {m.value} (not {expected})")
    for w in sorted(not_colours):
        for text, expect in [(s.format(w=w), None) for s in NOT_COLOUR_SENTENCES] + [(w, "colour")]:
            for m in parse(text, lexicon, expect).mentions:
                if m.positive and m.facet == "colour":
                    counts[m.source]["wrong"] += 1
                    counts[m.source]["not colour"] += 1
                    if wrong is not None:
                        wrong.setdefault(m.source, []).append(f"{text!r} -> {m.value} (no colour)")
    return dict(counts)


def precision(c: dict[str, int]) -> float | None:
    n = c["right"] + c["wrong"]
    return c["right"] / n if n else None


def main(argv: list[str]) -> None:
    words, not_colours = load()
    lexicon = Lexicon(demo_facets()).warm()
    wrong: dict[str, list[str]] = {}
    counts = measure(words, not_colours, lexicon, wrong)
    print(f"{len(words)} words of {len(LISTS)} development lists (less the development user's), "
          f"{len(not_colours)} non-colours; each bare, in a request and as an answer")
    print(f"{'source':18} {'readings':>8} {'right':>6} {'wrong':>6} {'precision':>9} {'not colour':>10} {'other facet':>11} {'now':>5}")
    for source, c in sorted(counts.items(), key=lambda kv: -(kv[1]["right"] + kv[1]["wrong"])):
        p = precision(c)
        print(f"{source:18} {c['right'] + c['wrong']:8d} {c['right']:6d} {c['wrong']:6d} "
              f"{'-' if p is None else f'{p:.2f}':>9} {c['not colour']:10d} {c['other']:11d} {confidence(source):5.2f}")
    for source in [a.split("=", 1)[1] for a in argv if a.startswith("--wrong=")]:
        print(f"wrong readings of {source}:")
        for line in wrong.get(source, []):
            print("  " + line)


if __name__ == "__main__":
    main(sys.argv[1:])
