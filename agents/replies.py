"""Saying what was understood: short sentences the reply adds when a word was read as something else.

A generalisation ("I read “jodhpurs” as trousers"), a guess among the asked facet's values ("I took
“chessboard grid” as checked — say if not"), a repaired typo, and an honest answer when the
demo catalog cannot show what was asked: a garment it lacks ("no sneakers; it has clothes and
accessories such as …", or the closest kind it has) or something that is not a garment at all
("no cars"). The search still runs on whatever else the message said.
"""

from __future__ import annotations

from retrieval.facets import FacetSet

from .forced_choice import SOURCE as GUESS
from .state import DialogueState
from .turns import Question
from .understand import Mention, Parsed


def plural(word: str) -> str:
    if word.endswith("ss"):
        return word + "es"
    if word.endswith("s"):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("sh", "ch", "x", "z")):
        return word + "es"
    return word + "s"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def closest_kinds(parsed: Parsed, state: DialogueState) -> list[Mention]:
    """A garment the catalog lacks, read as its closest kind in the catalog ("cardigan" -> hoodie)."""
    if any(m.facet == "category" and m.positive for m in parsed.mentions):
        return []
    return [Mention("category", where.closest, True, "wordnet closest", span, span)
            for span, where in parsed.elsewhere[:1] if where.kind == "lacking" and where.closest]


def _catalog_kinds(facets: FacetSet) -> str:
    values = list(facets["category"].values)
    shown = [plural(v) for v in values[:3]] + [plural(v) for v in values[-2:]]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _value_words(m: Mention, facets: FacetSet) -> str:
    """A value as the catalog words it ("long sleeves", "crew neck"), else its name."""
    words = facets[m.facet].synonyms.get(m.value) or (m.value,)
    return words[0]


def understood_notes(parsed: Parsed, mentions: list[Mention], facets: FacetSet) -> list[str]:
    notes = []
    for span, where in parsed.elsewhere[:1]:
        if "category" not in facets:
            break
        things = plural(span)
        if where.kind == "lacking" and where.closest:
            notes.append(f"This demo catalog has no {things}; the closest kind it has is "
                         f"{plural(where.closest)}, so I searched for those.")
        elif where.kind == "lacking":
            notes.append(f"This demo catalog has no {things} (a kind of {where.domain}); it has clothes and "
                         f"accessories such as {_catalog_kinds(facets)}.")
        else:
            notes.append(f"This demo catalog has no {things}; it has clothes and accessories such as "
                         f"{_catalog_kinds(facets)}.")
    guessed = [m for m in mentions if m.source == GUESS and m.positive and m.facet in facets]
    if guessed:  # a forced choice among the asked facet's values: said to be a guess, open to correction
        notes.append(f"I took {_and([f'“{m.text}” as {_value_words(m, facets)}' for m in guessed])} — say if not.")
    general = [f"“{m.specific}” as {m.value}" for m in mentions
               if m.specific and m.source not in ("wordnet closest", GUESS) and m.positive]
    if general:
        notes.append(f"I read {_and(general)} (the nearest this catalog has) and kept your words in the search.")
    if parsed.corrections:
        notes.append(f"I read {_and([f'“{a}” as “{b}”' for a, b in parsed.corrections])}.")
    return notes


def reply_text(notes: list[str], caption: str, shown: int, question: Question | None, user_turns: int) -> str:
    """The assistant's message for a turn: what was understood (``notes``), the results for the query's caption,
    and the next question (or, with none, how to go on)."""
    parts = [*notes]
    if not shown:
        parts.append("Nothing matches all of that. Try loosening something, e.g. \"any colour is fine\".")
    else:
        what = f" for “{caption}”" if caption else ""
        parts.append(f"Here are the {shown} best matches{what}.")
    if question:
        parts.append(question.text)
    elif shown and user_turns > 0:
        parts.append("Tell me more to narrow it down, or click a result: more like it, not this, or this is it.")
    return " ".join(parts)


GREETING = ("Hi! Describe what you're looking for (for example \"a red striped t-shirt\"), or add a photo and "
            "tell me what to change. I'll show matches and ask about what would narrow them down. "
            "Say \"help\" for more.")
HELP = ("Describe what you're looking for in your own words: the kind of item, its colour, pattern, sleeves, "
        "neckline, length or print (\"a red striped t-shirt\", \"a long dress, not black\"). Add a photo and say "
        "what to change (\"like this but in navy\"). Answer my questions or click a result: more like it, not "
        "this, or this is it. Ask \"what colours do you have?\" to see the choices, \"what did you understand?\" to "
        "see what I'm searching for; say \"undo\" to take back your last message (\"redo\" puts it back), and "
        "\"start over\" for a new search.")
THANKS = "Glad to help! Click \"This is it\" on the one you wanted, or tell me more to narrow it down."
NOTHING_YET = "Nothing yet: tell me what you're looking for, or add a photo."
NOTHING_TO_UNDO = "There's nothing to undo yet."
NOTHING_TO_REDO = "There's nothing to redo: say \"undo\" first to take a step back."


def recap(explanation: list[str]) -> str:
    """What the search holds now, in the words of the "why" panel."""
    if not explanation:
        return NOTHING_YET
    return "So far I'm searching for: " + "; ".join(explanation) + "."
