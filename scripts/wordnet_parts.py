"""The parts of the hand as WordNet relates them (part meronyms), for ``agents.landmarks``.

A sleeve that reaches any part of the hand ("to the fingertips", "down to the palms", "past the knuckles") ends
beyond the wrist: a long sleeve. Which words name a part of the hand is WordNet's part-of relation, walked
down from hand.n.01 (the scale's last landmark), and the kinds of each part (WordNet files the thumb as a kind
of finger, thumb.n.01 < finger.n.01, not as a part of the hand), not a hand-written list. A lemma enters only where that part is
its most frequent noun sense ("palm" the hand's, "pad" and "ball" not), as one lower-case word; its value is the
part-of path up to the hand ("fingertip.n.01 < finger.n.01 < hand.n.01"), the provenance the leak test checks.
"""

from __future__ import annotations

ROOT_PART = "hand.n.01"  # the landmark the parts lie in: ``agents.landmarks.SCALES["sleeve"]``'s "hand"


def hand_parts(wn) -> dict[str, str]:
    """{word: "its synset < ... < hand.n.01"} for every part, at any depth, of the hand, and every kind of one."""
    root = wn.synset(ROOT_PART)
    paths = {root.name(): [root.name()]}
    frontier = [root]
    while frontier:
        nxt = []
        for s in frontier:
            kinds = s.hyponyms() if s is not root else []  # a kind of a part is a part; never a kind of hand
            for p in sorted([*s.part_meronyms(), *kinds], key=lambda x: x.name()):
                if p.name() not in paths:
                    paths[p.name()] = [p.name(), *paths[s.name()]]
                    nxt.append(p)
        frontier = nxt
    out: dict[str, str] = {}
    for name, path in sorted(paths.items()):
        if name == root.name():
            continue
        s = wn.synset(name)
        for lemma in s.lemmas():
            w = lemma.name()
            if w.isalpha() and w.islower() and wn.synsets(w, pos="n")[:1] == [s]:
                out.setdefault(w, " < ".join(path))
    return out
