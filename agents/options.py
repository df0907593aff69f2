"""“What colours do you have?”: a question about the catalog's choices, answered with them.

Read as a description, such a question searched for its words and said it had recognised no colour, type or
pattern: the user asked what they could say and was told they had said nothing. So a message that asks which
values a facet has (``agents.intents``: "what colours do you have?", "which patterns are there?", "what do you
sell?") is answered in words, as "help" is: the catalog's values of that facet, which of them the results shown
now have, and what the search already holds for it. Nothing is searched or remembered.

Which facet a question means is read from the facet set itself (its names and labels, singular or plural) and
the parser's facet nouns (``agents.cues._FACET_WORDS``: "shade", "print"), so the photo facets answer too
("what settings are there?"); words about kinds of things ("items", "clothes", "types") mean the category. A
question about something that is no facet ("what shoes do you have?") is read as a request, as before.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from retrieval.facets import FacetSet

from .cues import _FACET_WORDS
from .replies import _and, plural
from .state import DialogueState

# Words that ask about the kinds of thing the catalog holds ("what items do you have?"): the category.
_KINDS = {"item", "items", "thing", "things", "clothes", "clothing", "garment", "garments", "product", "products",
          "kind", "kinds", "type", "types", "category", "categories", "sort", "sorts", "stuff", "article", "articles"}


def _plural_label(label: str) -> str:
    """"colours", "sleeve lengths", "types of item": the label's head made plural."""
    head, of, rest = label.partition(" of ")
    return plural(head) + of + rest


def facet_named(words: str, facets: FacetSet) -> str | None:
    """The facet a question's noun phrase names ("colours", "kinds of items", "neck styles"), or None."""
    said = [w for w in words.lower().replace("-", " ").split() if w not in ("the", "your", "any")]
    while len(said) > 1 and said[-1] in _KINDS | {"options", "choices", "styles", "style"}:
        said.pop()  # "neck styles", "sleeve types": the facet named before them
    words = " ".join(said)
    if set(said) - {"of"} <= _KINDS:
        return "category" if "category" in facets else None
    for f in facets:
        names = {f.name.replace("_", " "), f.label}
        if words in names | {_plural_label(n) for n in names}:
            return f.name
    for said in (words, words.removesuffix("s"), words.split()[-1].removesuffix("s")):
        facet = _FACET_WORDS.get(said)
        if facet and facet in facets:
            return facet
    return None


def _values(facet: str, values: list[str]) -> str:
    """Values as a list in words ("red, blue and teal"; kinds in the plural: "dresses and coats")."""
    return _and([plural(v) if facet == "category" else v for v in values])


def options_text(facets: FacetSet, facet: str, state: DialogueState, shown: list[dict[str, np.ndarray]],
                 asking: bool = False) -> str:
    """The answer: the facet's values, the ones the results shown now have (``shown``: each result's facet
    distribution, ``Candidates.facet_distribution``; a result has its most likely value, most common first),
    and what the search holds for it; ``asking``: a question is open (it follows), so no "say which"."""
    f = facets[facet]
    values = list(f.values)
    parts = [f"This catalog's {_plural_label(f.label)}: {_values(facet, values)}."]
    counts = Counter(values[int(np.argmax(d[facet][:-1]))] for d in shown
                     if facet in d and len(d[facet]) == len(values) + 1 and d[facet][:-1].max() > 0)
    if counts and len(counts) < len(values):
        parts.append(f"Among the results shown now: {_values(facet, [v for v, _ in counts.most_common()])}.")
    b = state.beliefs.get(facet)
    if b and b.positive:
        parts.append(f"You asked for {_values(facet, [b.positive])}.")
    elif b and b.negatives:
        parts.append(f"You ruled out {_values(facet, list(b.negatives))}.")
    elif not asking:
        example = plural(values[0]) if facet == "category" else values[0]
        parts.append(f"Say which you want (for example “{example}”).")
    return " ".join(parts)
