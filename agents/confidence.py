"""How sure a reading is: a confidence in (0, 1] for each source a word can be read by.

Every positive reading of a word (``agents.parsed.Mention``) names the source that read it
(docs/language.md, "Where the words come from"). Sources differ in how often they are right: the hand
lexicon and the catalog's schema words are facts; a matplotlib colour name's RGB, a WordNet hyponym, a
facet noun's word form or a body landmark state the value; a colour name from the big resource read in
a colour context, a clipped or blended garment name and a MiniLM vote are educated guesses; a forced
choice among the asked facet's values is the least sure. The reformulator weights each facet
constraint by its reading's confidence (a guess nudges the ranking, a fact filters it), the dialogue
state lets a sure reading replace a guess but not the reverse, and the explanation marks guesses.

The values were chosen on the development user (``tests/agents/dev_user_vocabulary.yaml``, the dev lists
merged) with ``python -m agents.bench.run --heldout tests/agents/dev_user_vocabulary.yaml``; the figures
are in docs/confidence.md. Readings the catalog's own words get are all sure, so a user who speaks catalog
words composes exactly the query they composed before confidences existed.
"""

from __future__ import annotations

SURE = 0.9  # at or above: a fact; below: a guess, shown as one and never overriding a fact

# source (``Mention.source`` / ``Match.source``) -> confidence
CONFIDENCE: dict[str, float] = {
    "lexicon": 1.0,  # the hand lexicon and the catalog schema's synonyms
    "answer": 1.0,  # a quick-answer button: the value itself
    "letter": 1.0,  # "a deep v": a letter naming a value's shape
    "shown": 1.0,  # "the colour is off": the value the user was shown or asked for, ruled out (``agents.message``)
    "colour name": 1.0,  # matplotlib's names; a basic colour word inside ("olive green")
    "colour survey": 1.0,  # the vote of the nearest XKCD survey names (catalog colour words read here)
    "colour hue": 1.0,  # hue/saturation/value rules past the survey's reach (catalog colour words read here)
    "colour code": 1.0,  # "#1f3a93", "rgb(0, 0, 255)": a typed code's RGB, read as a named colour's (``agents.colour_codes``)
    "colour form": 1.0,  # "lemony", "emerald-ish" of a name above
    "colour modifier": 1.0,  # "pale sage": a survey modifier before a name above
    "wordnet": 1.0,  # a hyponym of a value's synset: "a bolero is a short jacket"
    "morphology": 1.0,  # "armless", "short-armed": the facet noun's own word forms
    "head noun": 1.0,  # "short arms" says "short sleeves": a facet's nouns stand for each other
    "landmark": 1.0,  # "to the elbow": where on the body a garment ends
    "compound": 0.9,  # "sweatpants" -> pants
    "typo": 0.9,  # a one-edit repair of a known word
    "clipped": 0.5,  # "duffel" -> duffel coat -> coat
    "part": 0.5,  # "ribbed cuffs": a garment part at a landmark (``agents.landmarks.PARTS``); a short sleeve may be cuffed
    "shape": 0.5,  # "a rounded neck", "a wrap neck": shape words of a neckline's edge (``agents.style_words.SHAPES``)
    "degree": 0.5,  # "a low neck": the end of a facet's height order (``agents.landmarks.HEIGHTS``); a low scoop is a crew
    "blend": 0.5,  # "shacket": sh(irt) + (j)acket
    "mix": 0.5,  # "between blue and green": the colour halfway between two named colours (``agents.colour_mix``)
    "dictionary": 0.5,  # "paletot": a GCIDE definition ("An overcoat"), Webster 1913: sometimes an old sense
    "wordnet closest": 0.4,  # a garment the catalog lacks, read as its closest kind
    "colour resource": 0.3,  # a thing-named colour in a colour context: its RGB's survey vote
    "longer names": 0.3,  # "kelly-coloured": the colour a word's longer names agree on ("kelly green"; row 2f)
    "similarity": 0.4,  # the MiniLM vote of the nearest phrases
    "probe": 0.3,  # "a nehru collar": the sleeve/neckline probe on MiniLM vectors (``agents.style_probe``)
    "guess": 0.2,  # a forced choice among the asked facet's few values (``agents.forced_choice``)
}
UNKNOWN = 0.6  # a source not listed above (a new one): treated as a guess until someone places it


# How often a SURE source read a development word right (``scripts/calibrate_confidence.py``, docs/confidence.md,
# "Measured precision of each source": words no catalog list names). A sure reading weighs as a fact in the
# ranking, so a user who speaks catalog words is served as before; this is how much the dialogue trusts it when
# its readings contradict each other (``agents.doubt``): the least reliable one is the one to ask about.
PRECISION: dict[str, float] = {
    "colour survey": 0.79,
    "colour hue": 0.77,
    "wordnet": 0.88,
}


def confidence(source: str) -> float:
    """How sure a reading by ``source`` is."""
    return CONFIDENCE.get(source, UNKNOWN)


def reliability(source: str) -> float:
    """How often a reading by ``source`` is right: the measured precision where it was measured, else its
    confidence (the hand lexicon, a quick-answer button: 1.0)."""
    return PRECISION.get(source, confidence(source))


def is_guess(value: float) -> bool:
    return value < SURE
