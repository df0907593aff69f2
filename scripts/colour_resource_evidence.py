"""Experiment (not wired into the engine): can the colour resource's own names place an RGB or a name better?

Two uses of ``colourmapper-dev``'s ~30k names (``agents.colour_resource``) were measured against what the
engine does today (matplotlib's 599 labelled survey names vote an RGB's colour, ``agents.colour_names``):

1. **More labelled examples.** Resource names of two or more words whose last word is a basic colour word of
   the palette ("fire engine red", ~6,900 of them) join matplotlib's as examples of the RGB vote; the
   neighbour bar either comes from the examples (as today) or stays matplotlib's ΔE 9.7. Scored
   leave-one-out over matplotlib's labelled names that have a hue (as ``tests/agents/test_colour_names.py``
   does) and on the colour words of the development lists that have an RGB and no basic colour word inside.
2. **Clipped resource names.** A word the resource also names as "<word> <basic colour word>" at least
   ``min_names`` times, all with one colour ("lingonberry red"), reads as that colour instead of its RGB's
   vote. Scored on the same development words: how many readings it changes, for better and for worse.
3. **A gate for a name typed alone**: whether colours begin more of the resource's names than the words of
   the development lists that are no colours do.
4. **Style words** as WordNet's relational adjectives ("nautical": of ships), where WordNet is installed.

    PYTHONPATH=. HF_HUB_OFFLINE=1 python scripts/colour_resource_evidence.py
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import yaml

import agents.colour_names as colour_names
from agents.colour_names import ColourNames, _named_colours, achromatic, classify_rgb
from agents.colour_resource import thing_colours
from agents.lexicon import Lexicon
from retrieval.facets import demo_facets

DEV = Path(__file__).resolve().parents[1] / "tests" / "agents"
LISTS = ["dev_vocabulary_colour.yaml", "dev_vocabulary.yaml", "dev_vocabulary_2.yaml", "dev_vocabulary_3.yaml",
         "dev_vocabulary_4.yaml", "dev_colours.yaml"]  # the check half dev_vocabulary_colour_check.yaml is kept out


def dev_colours(name: str) -> dict[str, str]:
    data = yaml.safe_load((DEV / name).read_text(encoding="utf-8"))
    if "colour" in data:
        return {str(k): v for k, v in data["colour"].items()}
    return {str(k): v for half in data.values() for k, v in half["colours"].items()}


def main() -> None:
    lexicon = Lexicon(demo_facets())
    values = lexicon.facets["colour"].values

    def basic(word: str) -> str | None:
        return next((v for f, v in lexicon.phrases.get(word, []) if f == "colour"), None)

    resource = thing_colours()
    labelled = {n: rgb for n, rgb in resource.items() if len(n.split()) >= 2 and basic(n.split()[-1])}
    print(f"resource names ending in a basic colour word: {len(labelled)}",
          dict(Counter(basic(n.split()[-1]) for n in labelled).most_common()))
    today = ColourNames(_named_colours(), basic)
    variants = {"today (matplotlib)": today,
                "+ resource, own bar": ColourNames({**labelled, **_named_colours()}, basic),
                "+ resource, bar 9.7": ColourNames({**labelled, **_named_colours()}, basic, bar=today.bar)}

    def read(names: ColourNames, rgb, exclude: str = "") -> str | None:
        near = None if achromatic(rgb) else names.nearest(rgb, exclude)
        return near[0] if near and near[0] in values else classify_rgb(rgb, values)

    _, labels, examples = today._examples
    words = {name: dev_colours(name) for name in LISTS}
    for k in (5, 9):
        colour_names.K = k
        for label, names in variants.items():
            right, total = Counter(), Counter()
            for n, v in zip(examples, labels):
                rgb = _named_colours()[n]
                if not achromatic(rgb):
                    total[v] += 1
                    right[v] += read(names, rgb, exclude=n) == v
            loo = sum(right.values()) / sum(total.values())
            per = np.mean([right[v] / total[v] for v in total])
            dev = []
            for cols in words.values():
                scored = [(w, e) for w, e in cols.items() if not any(basic(x) for x in w.split())
                          and (_named_colours().get(w) or resource.get(w)) is not None]
                ok = sum(read(names, _named_colours().get(w) or resource[w], exclude=w) == e for w, e in scored)
                dev.append(f"{ok}/{len(scored)}")
            print(f"K={k} {label}: leave-one-out {loo:.3f} (mean over colours {per:.3f}); dev lists {' '.join(dev)}")
    colour_names.K = 5

    clipped: dict[str, set[str]] = defaultdict(set)
    count: Counter[str] = Counter()
    for n in {**resource, **_named_colours()}:
        ws = n.split()
        if len(ws) >= 2 and basic(ws[-1]) and not any(basic(x) for x in ws[:-1]):
            clipped[" ".join(ws[:-1])].add(basic(ws[-1]))
            count[" ".join(ws[:-1])] += 1
    for min_names in (1, 2):
        better = worse = same = 0
        for cols in words.values():
            for w, expected in cols.items():
                got = clipped.get(w) if count[w] >= min_names else None
                if not got or len(got) > 1 or any(basic(x) for x in w.split()):
                    continue
                now = lexicon.colour_in_context(w) or lexicon.colour_of(w)
                new, old = next(iter(got)) == expected, bool(now and now.value == expected)
                better += new and not old
                worse += old and not new
                same += new == old
        print(f"clipped resource names (at least {min_names}): {better} readings better, {worse} worse, {same} same")

    # 3. Does the resource tell a colour typed alone from another word? Share of single-word resource names
    # that begin at least n longer names, for the development lists' colours and their words that are no colour.
    begins: Counter[str] = Counter(n.split()[0] for n in {**resource, **_named_colours()} if " " in n)
    colours = {w for cols in words.values() for w in cols if " " not in w and w in resource}
    data = yaml.safe_load((DEV / "dev_colours.yaml").read_text(encoding="utf-8"))
    others = [w for half in data.values() for w in half["not_colours"]]
    others += [w for ws in yaml.safe_load((DEV / "dev_not_colours.yaml").read_text(encoding="utf-8")).values() for w in ws]
    others = {str(w) for w in others if " " not in str(w) and str(w) in resource}
    for n in (1, 2, 3, 5):
        print(f"begins >= {n} resource names: colours {sum(begins[w] >= n for w in colours)}/{len(colours)}, "
              f"no colours {sum(begins[w] >= n for w in others)}/{len(others)}")

    relational_adjectives(colours, others)


def relational_adjectives(colours: set[str], others: set[str]) -> None:
    """4. Style words ("nautical", "military") as WordNet's relational adjectives (lexname adj.pert): which of
    the development words have such a sense first, or among their first three (needs WordNet and NLTK)."""
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from compile_lexicon import SOURCE, open_wordnet

        wn = open_wordnet(SOURCE, Path(tempfile.mkdtemp()))
    except (ImportError, OSError) as e:
        print(f"relational adjectives: skipped ({e})")
        return
    def pert(w: str, senses: int) -> bool:
        return any(s.lexname() == "adj.pert" for s in wn.synsets(w)[:senses])

    for n in (1, 3):
        print(f"adj.pert among the first {n} senses: colours {sorted(w for w in colours if pert(w, n))}, "
              f"no colours {sorted(w for w in others if pert(w, n))}")


if __name__ == "__main__":
    main()
