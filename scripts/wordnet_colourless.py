"""Things WordNet names with a colour word in front that are no colour (``colourless`` in the asset).

"greenhouse", "redhead", "blackjack", "brownie", "red herring", "white lie": a word or phrase that begins with a
colour word reads as that colour in every colour source of the engine (the colour resource names "greenhouse",
MiniLM puts "redhead" near red, the phrase reader takes "black" of "black sheep"). WordNet lists such words as
things of their own, and its definitions say whether the thing has the colour: "bluebell" ("… blue flowers"),
"blackberry" ("… black or very dark purple … fruit"), "redwood" ("… reddish wood") keep it; "greenhouse" ("a
building with glass walls and roof …"), "brownie" ("a small square of rich chocolate cake") do not. A lemma is
kept here when

- its first word, or the start of a closed word, is a colour word of the catalog (and "gray", "gold", "silver",
  which the engine reads as grey, orange/yellow and grey),
- none of its senses is a colour (WordNet's colour nouns and adjectives are the asset's colour ``words``),
- a closed word is the colour word and another WordNet word of three letters or more ("red" + "head", "green" +
  "house"), or the diminutive "-ie" ("brownie", "pinkie"): not a form of the colour word itself ("blues",
  "reddish", "blackness", "whiten") nor a word that merely starts with its letters ("reduction"),
- no later word of an open lemma is a colour word ("yellow ochre") and the lemma is no phrase the hand lexicons
  or matplotlib's colour names know ("goldenrod" is an XKCD name), and
- the definition of its most frequent sense (WordNet's first noun or adjective sense: what people mean by it;
  "black sheep" is "a reckless and unprincipled reprobate" before "sheep with a black coat"), and of every other
  sense of the same kind (WordNet's lexicographer file: "bluebell" names three plants, and one has "blue
  flowers"), names no colour: a basic colour word ("red", "gray",
  "gold"), its "-ish" form, or "color"/"colored"/"hue"/"dark"/"pale"/"golden"/"silvery" ("white gold" is "a pale
  alloy"); a colour noun that is also a thing ("slate", "chocolate", "wine") does not count: "a sheet of slate"
  says what a blackboard is made of, not its colour.

The value is the lemma's first synset (provenance). Rebuilt byte for byte with the rest of the asset.
"""

from __future__ import annotations

import re

# The colour words a lemma may begin with: the catalog's colour values (read from the facet set) and the three
# spellings and metals the engine also reads as a colour.
EXTRA_COLOUR_WORDS = ("gray", "gold", "silver")
# The diminutive ending, the one rest of a closed word that is no word of its own ("brownie", "pinkie").
_DIMINUTIVE = "ie"
# Words of a definition that say it names a colour without a colour word ("a pale alloy", "a dark red wine").
_STATES_A_COLOUR = ("color", "colored", "colour", "coloured", "colors", "colours", "hue", "hued", "tint", "tinged",
                    "dark", "pale", "golden", "silvery")
_TOKEN = re.compile(r"[a-z]+")


def _word(lemma: str) -> str:
    return lemma.lower().replace("_", " ")


def colourless(wn, colour_values: list[str], colour_words: set[str], known: set[str]) -> dict[str, str]:
    """lemma -> its first synset, for the WordNet lemmas above (nouns and adjectives, up to three words);
    ``colour_words``: the asset's colour words; ``known``: the phrases the runtime already reads."""
    starts = sorted({*colour_values, *EXTRA_COLOUR_WORDS}, key=len, reverse=True)
    stated = set(_STATES_A_COLOUR) | set(starts)  # basic colour words: a colour noun ("slate", "chocolate",
    # "wine") is also a thing in a definition ("a sheet of slate", "chocolate cake")
    stated |= {f"{t}ish" for t in list(stated)} | {f"{t[:-1]}ish" for t in list(stated) if t.endswith("e")} \
        | {f"{t}{t[-1]}ish" for t in list(stated)}  # "reddish"
    out: dict[str, str] = {}
    for pos in ("n", "a", "s"):
        for synset in wn.all_synsets(pos):
            for lemma in synset.lemma_names():
                w = _word(lemma)
                if w in out or w in colour_words or w in known or len(w.split()) > 3 \
                        or not w.replace(" ", "").isalpha():
                    continue
                first, *later = w.split()
                colour = next((c for c in starts if first.startswith(c)), None)
                if colour is None:
                    continue
                rest = first[len(colour):]
                if later and (rest or any(t in colour_words for t in later)):
                    continue  # "reddish brown", "yellow ochre": a colour said
                if not later and rest != _DIMINUTIVE and (len(rest) < 3 or not wn.synsets(rest)):
                    continue  # "blues", "reddish", "reduction": the colour word's own forms, or no compound
                senses = [s for s in wn.synsets(lemma) if s.pos() in "nas"]
                kind = senses[0].lexname() if senses else ""
                if not senses or any(_states_colour(s.definition(), stated) for s in senses if s.lexname() == kind):
                    continue  # the most frequent sense, or one of its kind, has the colour ("redhead": "someone
                    # who has red hair"; "bluebell": a plant, and another plant so named has "blue flowers")
                if any(_word(n) in colour_words for n in senses[0].lemma_names()):
                    continue  # a sense shared with a colour word
                out[w] = senses[0].name()
    return dict(sorted(out.items()))


def _states_colour(definition: str, stated: set[str]) -> bool:
    return any(t in stated for t in _TOKEN.findall(definition.lower()))
