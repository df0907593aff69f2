"""Share of a development list's words the offline engine reads right, per facet class: bare (the word as a
whole message), inside a short request ("a <word> shirt", "a red <word>") and as the answer to a question
about that facet (the bench's ``share_as_answer``). A class whose value is a list holds words that are no
colour (``dev_not_colours.yaml``): for it the shares are of words read as some colour, bare, in "a <w> shirt",
in "a dress in <w>" and as the answer to the colour question (lower is better).

Run from the repository root (prints a table; ``--misses`` lists what each missed word was read as):

    PYTHONPATH=$PWD HF_HUB_OFFLINE=1 python tests/agents/dev_measure.py tests/agents/dev_vocabulary_3.yaml

A file that is a list of requests (``dev_not_readings_12.yaml``) prints the share read as a value of a weak
facet (``--facets sleeve,neckline,length`` names other facets: ``dev_not_readings_13_styles.yaml``); a file with
``facets`` and ``requests`` (request -> the category it names, or null; ``dev_not_readings_13.yaml``) the share
read as any other value of those facets. ``--unread`` also counts, per class, the requests that missed the value
but returned the facet as talked about.

Development lists only: it never reads the held-out folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from agents.lexicon import Lexicon
from agents.understand import parse
from retrieval.facets import demo_facets

# A request that gives each facet's word a garment it applies to.
SENTENCES = {"category": "a red {w}", "colour": "a {w} shirt", "pattern": "a shirt with {w}",
             "sleeve": "a dress with {w}", "neckline": "a dress with a {w}", "length": "a skirt, {w}",
             "motif": "a t-shirt with {w}"}


def reads(text: str, lexicon: Lexicon, expect: str | None = None) -> list[tuple[str, str]]:
    return [(m.facet, m.value) for m in parse(text, lexicon, expect).mentions if m.positive]


def measure(vocabulary: dict[str, dict[str, str]], lexicon: Lexicon) -> dict[str, dict]:
    """{facet: {"words", "bare", "sentence", "answer", "misses", "unread"}}: shares read right alone, in a request
    and as the answer to a question about the facet; misses: bare readings, and the request's when it missed
    too; unread: requests that missed the value but returned the facet as talked about (``Parsed.unread_facets``)."""
    out = {}
    for facet, words in vocabulary.items():
        bare = sentence = answer = unread = 0
        misses = {}
        for w, expected in words.items():
            got = reads(str(w), lexicon)
            bare += (facet, expected) in got
            parsed = parse(SENTENCES[facet].format(w=w), lexicon)
            request = [(m.facet, m.value) for m in parsed.mentions if m.positive]
            sentence += (facet, expected) in request
            unread += (facet, expected) not in request and any(f == facet for f, _ in parsed.unread_facets)
            answer += (facet, expected) in reads(str(w), lexicon, facet)
            if (facet, expected) not in got:
                misses[w] = ", ".join(f"{f}:{v}" for f, v in got) or "nothing"
                if (facet, expected) not in request:
                    misses[w] += " | in a request: " + (", ".join(f"{f}:{v}" for f, v in request) or "nothing")
        n = len(words)
        out[facet] = {"words": n, "bare": round(bare / n, 2), "sentence": round(sentence / n, 2),
                      "answer": round(answer / n, 2), "misses": misses,
                      "unread": unread}
    return out


NOT_COLOUR_SENTENCES = ("{w}", "a {w} shirt", "a dress in {w}")


def measure_not_colours(words: list[str], lexicon: Lexicon) -> dict:
    """{"words", "bare", "sentence", "in", "answer", "misses"}: shares of words that are no colour read as one."""
    counts = [0, 0, 0, 0]
    misses = {}
    for w in map(str, words):
        got = [[v for f, v in reads(s.format(w=w), lexicon) if f == "colour"] for s in NOT_COLOUR_SENTENCES]
        got.append([v for f, v in reads(w, lexicon, "colour") if f == "colour"])
        for k, g in enumerate(got):
            counts[k] += bool(g)
        if any(got):
            misses[w] = " | ".join(f"{n}: {','.join(g)}" for n, g in zip(("bare", "request", "in", "answer"), got) if g)
    n = len(words)
    return {"words": n, **{k: round(c / n, 2) for k, c in zip(("bare", "sentence", "in", "answer"), counts)},
            "misses": misses}


WEAK_FACETS = ("sleeve", "neckline", "pattern", "colour", "motif")


def measure_not_readings(requests: list[str], lexicon: Lexicon, facets: tuple[str, ...] = WEAK_FACETS) -> dict:
    """{"requests", "read", "misses"}: share of requests that must read no value of ``facets`` (by default sleeve,
    neckline, pattern, colour or motif: ``dev_not_readings_12.yaml``) read as one (lower is better)."""
    misses = {}
    for r in map(str, requests):
        got = [f"{f}:{v}" for f, v in reads(r, lexicon) if f in facets]
        if got:
            misses[r] = ", ".join(got)
    return {"requests": len(requests), "read": round(len(misses) / max(len(requests), 1), 2), "misses": misses}


def measure_given(facets: list[str], requests: dict[str, str | None], lexicon: Lexicon) -> dict:
    """{"requests", "read", "misses"}: share of requests that read a value of ``facets`` other than the category
    each is given (null: none), e.g. "a denim jacket" read as trousers too (``dev_not_readings_13.yaml``; lower is
    better)."""
    misses = {}
    for r, kind in requests.items():
        got = [f"{f}:{v}" for f, v in reads(str(r), lexicon) if f in facets and (f, v) != ("category", kind)]
        if got:
            misses[r] = ", ".join(got)
    return {"requests": len(requests), "read": round(len(misses) / max(len(requests), 1), 2), "misses": misses}


def main(argv: list[str]) -> None:
    lexicon = Lexicon(demo_facets()).warm()
    # "--facets sleeve,neckline,length": the facets a list of requests must not read (dev_not_readings_13_styles.yaml).
    facets = WEAK_FACETS
    if "--facets" in argv:
        at = argv.index("--facets")
        facets = tuple(argv[at + 1].split(","))
        argv = argv[:at] + argv[at + 2:]
    for path in [a for a in argv if not a.startswith("--")]:
        vocabulary = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        if isinstance(vocabulary, list):
            r = measure_not_readings(vocabulary, lexicon, facets)
            print(f"{path}\n  requests ({r['requests']}) read as a value of {'/'.join(facets)}: {r['read']:.2f}")
            if "--misses" in argv:
                for w, got in r["misses"].items():
                    print(f"    {w!r} -> {got}")
            continue
        if isinstance(vocabulary, dict) and "requests" in vocabulary:
            r = measure_given(vocabulary["facets"], vocabulary["requests"], lexicon)
            print(f"{path}\n  requests ({r['requests']}) read as another value of {'/'.join(vocabulary['facets'])}: "
                  f"{r['read']:.2f}")
            if "--misses" in argv:
                for w, got in r["misses"].items():
                    print(f"    {w!r} -> {got}")
            continue
        lists = {k: v for k, v in vocabulary.items() if isinstance(v, list)}
        result = measure({k: v for k, v in vocabulary.items() if k not in lists}, lexicon)
        print(path)
        for k, words in lists.items():
            r = measure_not_colours(words, lexicon)
            print(f"  {k} ({r['words']}) read as a colour bare/request/in/answer: "
                  f"{r['bare']:.2f}/{r['sentence']:.2f}/{r['in']:.2f}/{r['answer']:.2f}")
            if "--misses" in argv:
                for w, got in r["misses"].items():
                    print(f"    {k}: {w!r} -> {got}")
        if result:
            print("  bare/request/answer: " + " | ".join(f"{f} {r['bare']:.2f}/{r['sentence']:.2f}/{r['answer']:.2f}"
                                                          for f, r in result.items()))
            if "--unread" in argv:
                print("  missed in a request, facet returned unread: "
                      + " | ".join(f"{f} {r['unread']}" for f, r in result.items()))
        if "--misses" in argv:
            for f, r in result.items():
                for w, got in r["misses"].items():
                    print(f"    {f}: {w!r} -> {got}")


if __name__ == "__main__":
    main(sys.argv[1:])
