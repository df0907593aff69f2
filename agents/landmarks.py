"""Lengths said through the body: "to the elbow", "above the knee", "ankle-grazing", "bare arms", "up to the chin".

People often say how long a sleeve or hem is by where it ends on the body instead of naming a length.
This is general anatomy, not a word list for particular requests: a short ordered scale of landmarks
down the arm and down the body, each with the length a garment ending there has in this catalog, and a
few relation words ("above" moves one landmark up). A phrase is read this way only when it consists of
landmarks and relation words alone ("hand strap" is not a sleeve length).
"""

from __future__ import annotations

from .knowledge import load_asset, singular

# (landmark, value) from the top down; a garment ending at the landmark has that value.
SCALES: dict[str, list[tuple[str, str]]] = {
    "sleeve": [("shoulder", "short"), ("bicep", "short"), ("elbow", "short"), ("forearm", "long"),
               ("wrist", "long"), ("hand", "long"), ("knuckle", "long"), ("finger", "long")],
    # Not the waist (``SITS``): a skirt or dress hangs from it, so "high-waisted", "ties at the waist" say where
    # it sits, never where its hem ends (both read as a mini length before round 28).
    "length": [("hip", "mini"), ("bum", "mini"), ("thigh", "mini"), ("knee", "midi"),
               ("calf", "midi"), ("shin", "midi"), ("ankle", "maxi"), ("foot", "maxi"), ("feet", "maxi"),
               ("toe", "maxi"), ("floor", "maxi"), ("ground", "maxi")],
    # Where a neckline's edge lies: up at the chin or throat it stands up the neck, at the collarbone it
    # rings the base of the neck. Not the chest: a print sits there too ("a logo on the chest").
    # The neck itself is a landmark only with a relation word that does not point below it ("up to my neck",
    # "covers the neck"; not "below the neck"), since "neck" alone names the facet.
    "neckline": [("chin", "turtleneck"), ("jaw", "turtleneck"), ("throat", "turtleneck"), ("neck", "turtleneck"),
                 ("collarbone", "crew")],
}
# Landmarks where a garment sits or is fastened, not where it ends: a phrase of one of them and relation words is
# about the garment's shape and stays in the query as words, never a length nor a MiniLM guess ("waist" alone
# read as trousers).
SITS = {"waist"}
_FUNCTION = {"at", "the", "a", "my", "its", "to", "on", "around", "round", "of", "her", "your", "with", "that", "ties",
             "tie", "tied", "sits", "sitting", "sit"}  # what may stand beside such a landmark ("ties at the waist")
_DOWN = {"below", "under", "past", "down"}
# Facet nouns that are landmarks too: the noun alone names the facet, with a relation word it says where the edge lies.
SCALE_NOUNS = {"neck"}
# Body parts a sleeve covers or leaves bare ("bare arms": sleeveless; "arms covered": long).
_LIMB = {"arm": "sleeve", "shoulder": "sleeve"}
_UP = {"above", "before"}  # "sleeves that stop before the elbow" end one landmark up
_PAST = {"past", "below", "beyond", "under"}  # ... and "past the elbow" one down ("down to the knee" ends there)
_BARE = {"bare", "bared", "baring", "exposed", "exposing", "showing", "show", "out", "uncovered", "naked", "free",
         "visible"}  # "arms on show", "keeps my arms free"
# Parts of a garment that sit at one landmark: a cuff finishes a sleeve at the wrist (WordNet cuff.n.01: "... the
# end of the sleeve"), so any cuff ("ribbed cuffs", "button cuffs", "shirt-cuff sleeves") says where the sleeve ends.
PARTS = {"cuff": ("sleeve", "wrist")}
# What holds a garment up in place of sleeves: WordNet's sleeveless garments hang from shoulder straps (sundress.n.01
# "a light loose sleeveless summer dress ... thin shoulder straps that expose the arms and shoulders", tank_top.n.01
# "a tight-fitting sleeveless shirt with wide shoulder straps"; strapless.n.01 "has no shoulder straps" is the
# lexicon's own phrase), so straps said of a garment that has a sleeve facet say it has none. Read only where such
# a kind is named or the sleeve question was asked (``leftovers.read_leftovers``): a watch strap, a bag's strap
# or a camera strap say nothing of sleeves.
HOLDS = {"strap": ("sleeve", "sleeveless")}
# Landmarks named in two words, and the one landmark of the scale each is ("sleeves to the upper arm": the biceps).
# "upper arms" needs no entry of its own: it becomes "biceps", which ``_base`` reads as the biceps.
_TWO_WORDS = {"upper arm": "bicep"}
_COVERED = {"covered", "covering", "cover", "covers", "hidden"}
# Verbs of a garment reaching down the body ("falls to the knee", "hangs below the knee", "sleeves that drop past the
# wrist"): a verb alone says no edge, so they were wishes ("falls") or made the phrase a MiniLM guess.
_REACHING = {"fall", "falls", "falling", "hang", "hangs", "hanging", "drop", "drops", "dropping", "extend", "extends",
             "extending", "go", "goes", "going", "come", "comes", "coming"}
_RELATION = {"below", "past", "under", "over", "down", "up", "mid", "reaching", "reaches", "reach", "touching",
             "touches", "touch", "grazing", "grazes", "skimming", "skims", "sweeping", "sweeps", "brushing",
             "brushes", "hitting", "hits", "high", "level", "ending", "ends", "stopping", "stops", "till", "until",
             "long", "length", "way", "hugging", "hugs", "hug", "stop", "end", "keep", "keeps", "leave", "leaves",
             "leaving", "left", "beyond"} | _UP | _BARE | _COVERED | _REACHING | {
             # degree words say how far, never where: "arms completely out", "just below the knee"
             "completely", "fully", "totally", "entirely", "just", "right", "all", "almost", "nearly", "slightly"}
# Relation words that say where a garment ends, not what it covers: with them a limb is a landmark too
# ("shoulder-length", "shoulder-skimming sleeves" end at the shoulder: short; "arm-length" at the arm's end: long).
_EXTENT = {"length", "long", "reaching", "reaches", "reach", "skimming", "skims", "grazing", "grazes", "hitting",
           "hits", "ending", "ends", "end", "stopping", "stops", "stop", "touching", "touches", "brushing", "brushes", "level"}
RELATION = _RELATION
# Words that say a garment keeps a part of the body some way, not where it ends: with a bare or covered word they
# say whether a sleeve covers the arm ("keeps my arms free"); alone, or with any other word, nothing ("a scarf to
# keep my neck warm" says nothing of a neckline).
_KEEPING = {"keep", "keeps", "leave", "leaves", "leaving", "left"}  # round 30: "arms left bare" (the participle)

# How high each value's edge sits on the body, from the top down: a neckline stands up the neck, rings its base or
# dips in a V below it; a hem ends at the thigh, the knee or the floor. A degree word that says only "higher" or
# "lower" names an end of this order ("a low neck", "a deep neckline": v-neck; "a high hemline": mini).
HEIGHTS: dict[str, list[str]] = {"neckline": ["turtleneck", "crew", "v-neck"], "length": ["mini", "midi", "maxi"]}
# Only the plain degree words: a comparative ("a higher neckline", "a lower hem") or "slightly" says "more than
# this", never an end of the order; it is left to the comparatives of ``agents.message`` or read as nothing.
_HIGH = {"high", "tall", "closed"}
_LOW = {"low", "deep", "plunging", "plunge", "dipping", "dipped"}
# Low words that say something else of a facet's noun: a dipped hem is a high-low one, a deep hem a wide hem
# allowance, neither a floor length.
_OTHER_SENSE = {"length": {"deep", "dipped", "dipping", "plunging", "plunge"}}
# Words that may stand beside a degree word without changing its direction ("a very low-cut neckline").
_DEGREE = {"very", "really", "quite", "super", "extra", "rather", "fairly", "cut", "nice", "nicely"}


def _base(word: str) -> str:
    """The landmark a word names: itself, its singular, or the noun of its "-ed" adjective ("bare-shouldered",
    "long-armed": shoulder, arm)."""
    forms = [*singular(word), *([word[:-2], word[:-3]] if word.endswith("ed") and len(word) >= 5 else []),
             *([word[:-3] + "f"] if word.endswith("ves") else [])]  # "calves": calf
    for s in forms:
        if any(s == lm for scale in SCALES.values() for lm, _ in scale) or s in _LIMB or s in SITS:
            return s
    return word


def part_word(word: str) -> str | None:
    """The garment part of ``PARTS`` a word names, also as its plural or "-ed" adjective ("cuffs", "cuffed")."""
    return next((s for s in (word, *singular(word), word[:-2] if word.endswith("ed") else "") if s in PARTS), None)


def part_value(words: list[str], facets) -> tuple[str, str] | None:
    """(facet, value) a garment part among the words says by the landmark it sits at ("flared cuffs": the
    sleeve ends at the wrist, long), or None. A part word before another noun describes that noun, whose part it
    is ("a cuff bracelet", "cuffed ankle boots": no sleeve); only relation words and landmarks may follow it."""
    for i, w in enumerate(words):
        base = part_word(w)
        if base and any(_base(v) not in _LANDMARKS and v not in _RELATION | _FUNCTION for v in words[i + 1:]):
            return None
        if base and PARTS[base][0] in facets:
            facet, landmark = PARTS[base]
            value = dict(SCALES[facet])[landmark]
            return (facet, value) if value in facets[facet].values else None
    return None


_LANDMARKS = {lm for scale in SCALES.values() for lm, _ in scale} | set(_LIMB)


def held_by(words: list[str], facets) -> tuple[str, str] | None:
    """(facet, value) a word of ``HOLDS`` among the words says, also as its plural or adjective ("straps",
    "strappy", "strapped"), or None. As with a part, a noun after it is what the strap belongs to ("a strap
    bag"): only relation and function words and landmarks may follow ("straps over the shoulders")."""
    for i, w in enumerate(words):
        forms = (w, *singular(w), w[:-2] if w.endswith("py") else "", w[:-3] if w.endswith("ped") else "")
        base = next((f for f in forms if f in HOLDS), None)
        if not base:
            continue
        if any(_base(v) not in _LANDMARKS and v not in _RELATION | _FUNCTION for v in words[i + 1:]):
            return None
        facet, value = HOLDS[base]
        return (facet, value) if facet in facets and value in facets[facet].values else None
    return None


def body_word(word: str) -> bool:
    """Whether a word names a body landmark ("hands", "knees"): alone it never names a garment."""
    return _base(word) in _LANDMARKS | SITS


def sits_at(words: list[str]) -> bool:
    """Whether a phrase is one landmark of ``SITS`` with relation and function words ("at the waist",
    "high-waisted")."""
    marks = [_base(w) for w in " ".join(words).split() if w not in _RELATION and w not in _FUNCTION]
    return len(marks) == 1 and marks[0] in SITS



def _hand_part(word: str) -> str:
    """"hand" for a word WordNet relates to the hand as its part or a part's kind ("fingertips", "palm", "thumb":
    the compiled ``hand_parts`` table, ``scripts/wordnet_parts.py``), else the word: a sleeve reaching any of them
    ends past the wrist. Read only here, where a phrase is landmarks and relation words alone."""
    parts = load_asset().get("hand_parts", {})
    return "hand" if word not in _LANDMARKS and any(s in parts for s in (word, *singular(word))) else word


def _lower(marks: list[str]) -> str | None:
    """The landmark two of them end at ("from shoulder to wrist", "elbow-to-wrist": the wrist; "from the waist to
    the knee": the knee): a garment spans from the upper to the lower, so the lower is where its edge lies. A
    landmark where it sits (the waist) is the upper end; two of different scales say no edge (None)."""
    ends = [m for m in marks if m not in SITS]
    if len(ends) == 1:
        return ends[0]
    for scale in SCALES.values():
        names = [lm for lm, _ in scale]
        if all(m in names for m in ends):
            return max(ends, key=names.index)
    return None


def landmark_value(words: list[str], facets) -> tuple[str, str] | None:
    """(facet, value) a phrase of landmarks and relation words says, or None ("above the knee" -> mini)."""
    joined = " ".join(words)
    for two, one in _TWO_WORDS.items():
        joined = joined.replace(two, one)
    # "fingertip length" is a hem's (where the hands hang at the sides), never a sleeve past the wrist
    length = "length" in joined.split()
    words = [_base(w) if length else _hand_part(_base(w)) for w in joined.split()]
    marks = [w for w in words if w not in _RELATION]
    if len(marks) == 2 and marks[0] != marks[1] and all(m in _LANDMARKS | SITS for m in marks):
        end = _lower(marks)  # two landmarks: the garment runs from one to the other and ends at the lower
        words = [w for w in words if w not in marks or w == end]
        marks = [end] if end else marks
    if len(marks) != 1 or len(marks) == len(words) and marks[0] in _LIMB:
        return None  # exactly one landmark, and a bare limb ("arms") alone says nothing
    mark = marks[0]
    if mark == "neck" and (len(marks) == len(words) or _DOWN & set(words)):
        return None
    if mark not in _LIMB and (_BARE & set(words) or _KEEPING & set(words) and not _COVERED & set(words)):
        return None  # "leaves my neck bare", "keeps my hands free": a bare part is no edge of the garment
    if mark in _LIMB and _LIMB[mark] in facets:
        values = facets[_LIMB[mark]].values
        if _BARE & set(words) and "sleeveless" in values:
            return _LIMB[mark], "sleeveless"
        if _COVERED & set(words) and mark == "shoulder" and SCALES["sleeve"][0][1] in values:
            return _LIMB[mark], SCALES["sleeve"][0][1]  # "sleeves that just cover the shoulder" end there: short
        if _COVERED & set(words) and "long" in values:
            return _LIMB[mark], "long"
        if mark == "arm" and "mid" in words:  # "mid-arm sleeves", "stop mid-arm": halfway down, at the elbow
            return _LIMB[mark], dict(SCALES[_LIMB[mark]])["elbow"]
        below = _DOWN & set(words[: words.index(mark)])  # "just below the shoulder"; never "from shoulder down"
        if not _EXTENT & set(words) and not (mark == "shoulder" and below):
            return None  # "over the shoulder" says nothing; "just below the shoulder" ends there: short
        if mark == "arm":  # the length of the arm: to its end
            return _LIMB[mark], SCALES[_LIMB[mark]][-1][1]
    for facet, scale in SCALES.items():
        names = [lm for lm, _ in scale]
        if mark in names and facet in facets:
            i = names.index(mark)
            if _UP & set(words):
                i = max(i - 1, 0)
            elif _PAST & set(words):  # "sleeves that go past the elbow" end on the forearm: long, not short
                i = min(i + 1, len(scale) - 1)
            value = scale[i][1]
            return (facet, value) if value in facets[facet].values else None
    return None


def degree_value(words: list[str], facet: str, facets) -> str | None:
    """The value at the end of ``facet``'s height order that a degree word before its noun points to ("low",
    "deep" -> the lowest; "high", "tall" -> the highest), when the words are that one degree word and words of
    degree alone ("very low-cut"); None otherwise ("deep red", "high quality" are not about the edge)."""
    order = HEIGHTS.get(facet)
    ups, downs = _HIGH & set(words), (_LOW - _OTHER_SENSE.get(facet, set())) & set(words)
    if not order or facet not in facets or not words or len(ups) + len(downs) != 1:
        return None
    if any(w not in _HIGH | _LOW | _DEGREE for w in words):
        return None
    value = order[0] if ups else order[-1]
    return value if value in facets[facet].values else None
