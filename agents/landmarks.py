"""Lengths said through the body: "to the elbow", "above the knee", "ankle-grazing", "bare arms", "up to the chin".

People often say how long a sleeve or hem is by where it ends on the body instead of naming a length.
This is general anatomy, not a word list for particular requests: a short ordered scale of landmarks
down the arm and down the body, each with the length a garment ending there has in this catalog, and a
few relation words ("above" moves one landmark up). A phrase is read this way only when it consists of
landmarks and relation words alone ("hand strap" is not a sleeve length).
"""

from __future__ import annotations

from .knowledge import singular

# (landmark, value) from the top down; a garment ending at the landmark has that value.
SCALES: dict[str, list[tuple[str, str]]] = {
    "sleeve": [("shoulder", "short"), ("bicep", "short"), ("elbow", "short"), ("forearm", "long"),
               ("wrist", "long"), ("hand", "long"), ("knuckle", "long"), ("finger", "long")],
    "length": [("waist", "mini"), ("hip", "mini"), ("bum", "mini"), ("thigh", "mini"), ("knee", "midi"),
               ("calf", "midi"), ("shin", "midi"), ("ankle", "maxi"), ("foot", "maxi"), ("feet", "maxi"),
               ("toe", "maxi"), ("floor", "maxi"), ("ground", "maxi")],
    # Where a neckline's edge lies: up at the chin or throat it stands up the neck, at the collarbone it
    # rings the base of the neck. Not the chest: a print sits there too ("a logo on the chest").
    # The neck itself is a landmark only with a relation word that does not point below it ("up to my neck",
    # "covers the neck"; not "below the neck"), since "neck" alone names the facet.
    "neckline": [("chin", "turtleneck"), ("jaw", "turtleneck"), ("throat", "turtleneck"), ("neck", "turtleneck"),
                 ("collarbone", "crew")],
}
_DOWN = {"below", "under", "past", "down"}
# Facet nouns that are landmarks too: the noun alone names the facet, with a relation word it says where the edge lies.
SCALE_NOUNS = {"neck"}
# Body parts a sleeve covers or leaves bare ("bare arms": sleeveless; "arms covered": long).
_LIMB = {"arm": "sleeve", "shoulder": "sleeve"}
_UP = {"above"}
_BARE = {"bare", "bared", "baring", "exposed", "exposing", "showing", "out", "uncovered", "naked"}
_COVERED = {"covered", "covering", "cover", "covers", "hidden"}
_RELATION = {"below", "past", "under", "over", "down", "up", "mid", "reaching", "reaches", "reach", "touching",
             "touches", "touch", "grazing", "grazes", "skimming", "skims", "sweeping", "sweeps", "brushing",
             "brushes", "hitting", "hits", "high", "level", "ending", "ends", "stopping", "stops", "till", "until",
             "long", "length", "way", "hugging", "hugs", "hug"} | _UP | _BARE | _COVERED | {
             # degree words say how far, never where: "arms completely out", "just below the knee"
             "completely", "fully", "totally", "entirely", "just", "right", "all", "almost", "nearly", "slightly"}
# Relation words that say where a garment ends, not what it covers: with them a limb is a landmark too
# ("shoulder-length", "shoulder-skimming sleeves" end at the shoulder: short; "arm-length" at the arm's end: long).
_EXTENT = {"length", "long", "reaching", "reaches", "reach", "skimming", "skims", "grazing", "grazes", "hitting",
           "hits", "ending", "ends", "stopping", "stops", "touching", "touches", "brushing", "brushes", "level"}
RELATION = _RELATION


def _base(word: str) -> str:
    """The landmark a word names: itself, its singular, or the noun of its "-ed" adjective ("bare-shouldered",
    "long-armed": shoulder, arm)."""
    forms = [*singular(word), *([word[:-2], word[:-3]] if word.endswith("ed") and len(word) >= 5 else [])]
    for s in forms:
        if any(s == lm for scale in SCALES.values() for lm, _ in scale) or s in _LIMB:
            return s
    return word


def landmark_value(words: list[str], facets) -> tuple[str, str] | None:
    """(facet, value) a phrase of landmarks and relation words says, or None ("above the knee" -> mini)."""
    words = [_base(w) for w in " ".join(words).split()]
    marks = [w for w in words if w not in _RELATION]
    if len(marks) != 1 or len(marks) == len(words) and marks[0] in _LIMB:
        return None  # exactly one landmark, and a bare limb ("arms") alone says nothing
    mark = marks[0]
    if mark == "neck" and (len(marks) == len(words) or _DOWN & set(words)):
        return None
    if mark in _LIMB and _LIMB[mark] in facets:
        values = facets[_LIMB[mark]].values
        if _BARE & set(words) and "sleeveless" in values:
            return _LIMB[mark], "sleeveless"
        if _COVERED & set(words) and mark == "shoulder" and SCALES["sleeve"][0][1] in values:
            return _LIMB[mark], SCALES["sleeve"][0][1]  # "sleeves that just cover the shoulder" end there: short
        if _COVERED & set(words) and "long" in values:
            return _LIMB[mark], "long"
        if not _EXTENT & set(words):
            return None
        if mark == "arm":  # the length of the arm: to its end
            return _LIMB[mark], SCALES[_LIMB[mark]][-1][1]
    for facet, scale in SCALES.items():
        names = [lm for lm, _ in scale]
        if mark in names and facet in facets:
            i = names.index(mark)
            if _UP & set(words):
                i = max(i - 1, 0)
            value = scale[i][1]
            return (facet, value) if value in facets[facet].values else None
    return None
