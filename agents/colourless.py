"""Things named with a colour word in front that are no colour: "greenhouse", "a redhead's scarf" aside, "a
blackout", "a white lie", "a red herring", "a coat for my greyhound".

Every colour source of the engine reads such words as their colour word: the colour resource names "greenhouse"
and "brownstone", MiniLM puts "blackguard" next to black, the phrase reader takes "black" of "black sheep". WordNet
lists them as things of their own, and the compiled asset's ``colourless`` table (``scripts/wordnet_colourless.py``)
keeps those whose most frequent sense's definition names no colour ("greenhouse": "a building with glass walls
and roof …"; "redhead", "someone who has red hair", and "bluebird" are not in it). Such a word or phrase is read
first, as a thing: its words stay a wish and no other row reads them. Not where a source that names colours
knows the whole phrase (the hand lexicon, matplotlib's names), nor where a word after the colour word names a
value of another facet: "a yellow jacket" is a jacket, "a blackshirt" (typed closed) a shirt, whatever WordNet
says a yellowjacket or a blackshirt is.
"""

from __future__ import annotations

from .lexicon import Lexicon
from .parsed import Parsed

# Besides the colour facet's values, the words the table's lemmas may begin with (scripts/wordnet_colourless.py).
_EXTRA_COLOUR_WORDS = ("gray", "gold", "silver")


def read_colourless(toks: list[str], lexicon: Lexicon, out: Parsed) -> list[str]:
    """The words of each such thing, longest first, become a wish and are blanked for the readings after."""
    table = lexicon.knowledge.colourless
    if not table or "colour" not in lexicon.facets:
        return toks
    toks = list(toks)
    i = 0
    while i < len(toks):
        for n in (3, 2, 1):
            span = toks[i : i + n]
            key = " ".join(span)
            if len(span) == n and all(span) and key in table and not _read_otherwise(key, lexicon):
                out.wishes.append(key)
                toks[i : i + n] = [""] * n
                i += n - 1
                break
        i += 1
    return toks


def _read_otherwise(key: str, lexicon: Lexicon) -> bool:
    """The whole phrase is a hand-lexicon phrase or a matplotlib colour name, or a word after the colour word
    (the rest of a closed word) names a value of another facet: then the other reading stands."""
    if key in lexicon.phrases or lexicon.colour_of(key):
        return True
    words = key.split()
    if len(words) == 1:
        starts = sorted({*lexicon.facets["colour"].values, *_EXTRA_COLOUR_WORDS}, key=len, reverse=True)
        colour = next((c for c in starts if key.startswith(c)), "")
        words = [key[len(colour):]]
    else:
        words = words[1:]
    return any(m.facet != "colour" for w in words if w for m in lexicon.lookup(w))
