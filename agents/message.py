"""One user message into the dialogue state: what the words, result references and "this" change.

``Session.step`` reads the message (``agents.understand.parse``) and hands it here with the question it
answers; ``agents.fold`` decides what each reading does to the beliefs. Here the rest of the message is
applied: "doesn't matter" and "yes" to a confirming question, "the second one" (a new reference, or the
answer to "which is closer?"), "like this" and "not this one" with a result open, comparatives, a facet said to be wrong, forgotten and
unwanted words, wishes, and the notes the reply opens with.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from retrieval.facets import FacetSet

from .confidence import SURE
from .cues import _AFFIRM
from .doubt import unconfirmed
from .errors import UserFacingError
from .fold import fold, not_applicable, screen
from .knowledge import singular
from .parsed import Mention, Parsed
from .ports import Search
from .reformulator import caption_for
from .replies import closest_kinds, understood_notes
from .state import DialogueState, Reference
from .turns import PAIR
from .understanding import answer_score
from .unsearchable import unsearchable_note


def reference_from_result(state: DialogueState, search: Search, facets: FacetSet, item_id: int, idx: int) -> None:
    """A shown result as the new reference ("More like this", "like the second one")."""
    vec = search.vectors_by_id([item_id]).get(item_id)
    if vec is None:
        raise UserFacingError("That result no longer exists in the gallery.")
    likely = search.likely_facets(item_id)
    # Named by where the user saw it ("result 4"), never by its gallery id: "the fourth one" was "result #19".
    shown = state.last_results.index(item_id) + 1 if item_id in state.last_results else None
    add_reference(state, Reference(caption_for(likely, facets), likely, vec.tolist(), idx, item_id,
                                   label=f"result {shown}" if shown else "the result you picked"))
    if item_id not in state.liked:
        state.liked.append(item_id)


_THE = re.compile(r"\b(?:the|that|this|these|those)\s+(?:\w+\s+)?$")  # "the cat", "that little cat"


def _forms(words: str) -> set[str]:
    """Each word and its singulars: "cats" meets "cat print"."""
    return {f for w in words.lower().split() for f in (w, *singular(w))}


def compared_to(state: DialogueState, search: Search, facet: str, looking: int | None, shown: bool = True) -> str | None:
    """What "shorter" is shorter than: the value asked for, else the reference's, else the result open, else
    (``shown``: results an earlier request found, never the greeting's sample) the commonest among the results
    on screen, which is what the user is looking at."""
    if value := state.known().get(facet):
        return value
    if state.references and (value := state.references[-1].facets.get(facet)):
        return value
    if looking is not None and (value := search.likely_facets(looking).get(facet)):
        return value
    seen = Counter(v for i in state.last_results if i not in state.rejected
                   and (v := search.likely_facets(i).get(facet))) if shown else Counter()
    return seen.most_common(1)[0][0] if seen else None


def add_reference(state: DialogueState, ref: Reference) -> None:
    """A new reference is the new base: earlier wishes for the facets it shows give way to it.

    Words in the same turn ("like this but in navy") are applied after it, so they still edit it.
    """
    for facet in ref.facets:
        b = state.beliefs.get(facet)
        if b and b.positive and b.turn < ref.turn:
            b.positive, b.either = None, []
    state.references.append(ref)


def shown_at(shown: list[int], pos: int) -> int | None:
    """The shown result at a 1-based position ("the second one", "#3"; -1: "the last one"), or None when no
    result is there."""
    if not 0 < abs(pos) <= len(shown):
        return None
    return shown[pos - 1] if pos > 0 else shown[-1]


def answer_pair(state: DialogueState, search: Search, refs: list[tuple[int, bool]]) -> bool:
    """Record which of the asked pair the user picked (closer minus other, as image vectors). "The first
    one" / "the second one" / "the last one" name the pair's own results when the shown result at that
    position is not one of them ("result 5 or result 12?" "the first one": result 5)."""
    picked = []
    for pos, liked in refs:
        at = shown_at(state.last_results, pos) if liked else None
        if at is not None:
            picked.append(at if at in state.pair or pos not in (1, 2, -1) else state.pair[0 if pos == 1 else 1])
    if len(picked) != 1 or picked[0] not in state.pair:
        return False
    other = next(i for i in state.pair if i != picked[0])
    at = search.vectors_by_id([picked[0], other])
    if picked[0] in at and other in at:
        state.nudges.append((at[picked[0]] - at[other]).tolist())
    state.pair = []
    return True


def _verdicts(state: DialogueState, search: Search, facets: FacetSet, parsed: Parsed, idx: int, looking: int | None,
              searched: bool, notes: list[str]) -> list[Mention]:
    """Verdicts on what was shown (``agents.shapes``): "the colour of the first one" wants that result's value
    ("… is off": rules it out); "keep the colour" wants the value shown or asked for, "the colour is off" rules it
    out, as "not blue" would (the one asked for, else the reference's, else the result open, else the commonest on
    screen once a request found them: ``compared_to``), unless the same message names the one wanted. Returns
    the values ruled out, as mentions to fold."""
    out = []
    for facet, pos, wanted in parsed.facet_refs:
        item = shown_at(state.last_results, pos)
        value = search.likely_facets(item).get(facet) if item is not None else None
        if item is None:
            notes.append(f"I only showed {len(state.last_results)} results, so I couldn't find result {pos}.")
        elif value and wanted:
            state.want(facet, value, idx)
        elif value:
            out.append(Mention(facet, value, False, "shown", value))
    named = {m.facet for m in parsed.mentions if m.positive}  # "I'd like the colour red": red
    for facet, wanted in [*((f, True) for f in parsed.right), *((f, False) for f in parsed.wrong)]:
        value = None if facet in named else compared_to(state, search, facet, looking, shown=searched)
        if value not in (facets[facet].values if facet in facets else ()):
            continue
        if not wanted:
            out.append(Mention(facet, value, False, "shown", value))
        elif facet not in state.known():
            state.want(facet, value, idx)
    return out


def read_message(state: DialogueState, search: Search, facets: FacetSet, parsed: Parsed, answer_to: str | None,
                 idx: int, new_image: bool, text: str, confirm: str | None = None,
                 looking_at: int | None = None) -> list[str]:
    """Fold one message into the beliefs; returns notes for the reply. ``confirm``: the facet whose reading
    the last question asked the user to confirm (``agents.doubt``); ``looking_at``: the result open while
    typing, what "this" names."""
    notes = []
    earlier = _forms(" ".join(state.wishes))  # words the user already asked for as free text ("cat print")
    asked = answer_to or state.pending_question
    confirming = asked if asked and asked == confirm else None
    if confirming and _AFFIRM.match(text):  # "yes" to "I read “gold” as yellow: which colour was it?"
        return ["Thanks, I'll keep that."]
    if parsed.dont_care and confirming:
        unconfirmed(state, confirming)  # "I don't remember": the reading stays, as a guess; nothing is lost
    elif parsed.dont_care and asked:
        state.retract(asked, idx)
    refs = parsed.result_refs
    if asked == PAIR and state.pair and answer_pair(state, search, refs):
        refs = []  # "result 2" answered "which is closer?": a nudge, not a new reference
        notes.append("Thanks, I'll lean towards that one.")
    for pos, liked in refs:
        item = shown_at(state.last_results, pos)
        if item is None:
            notes.append(f"I only showed {len(state.last_results)} results, so I couldn't find result {pos}.")
            continue
        if liked:
            reference_from_result(state, search, facets, item, idx)
        elif item not in state.rejected:
            state.rejected.append(item)
    looking = looking_at if looking_at in state.last_results else None
    if parsed.this_ref and looking is not None and not new_image:
        reference_from_result(state, search, facets, looking, idx)  # "like this but in red", with a result open
    elif parsed.this_ref and not new_image and not state.references:
        notes.append("Add a photo (or pick a result) for me to use as the reference.")
    if parsed.not_this and looking is not None:
        state.rejected.append(looking)
    elif parsed.not_this:
        notes.append("Which one? Open it and click “Not this”, or say “not the second one”.")
    searched = sum(t.role == "user" for t in state.search_turns) > 1  # the results on screen answer a request
    for facet, direction in parsed.comparatives:
        values = facets[facet].values if facet in facets else ()
        base = compared_to(state, search, facet, looking, shown=len(values) != 2 and searched)
        if base in values:
            state.want(facet, values[min(max(values.index(base) + direction, 0), len(values) - 1)], idx)
        elif len(values) == 2:  # "bigger dots" with no size known yet: the larger of two
            state.want(facet, values[direction > 0], idx)
    shown = _verdicts(state, search, facets, parsed, idx, looking, searched, notes)  # "the colour is off"
    mentions = [*parsed.mentions, *closest_kinds(parsed, state), *shown]
    mentions, off_topic = screen(parsed, mentions, asked, facets)
    refused = fold(state, mentions, asked, idx, text, confirming)
    for facet, values in parsed.either.items():
        state.offer(facet, values)  # "blue or green": both wanted
    for m in off_topic:  # a guess about another facet than the one asked: its words only
        state.add_wish(m.text, m.facet)
    answered = any(m.facet == asked for m in mentions)
    if confirming and not mentions and not parsed.dont_care:
        unconfirmed(state, confirming)  # asked to confirm a doubted reading, the user's words read as nothing
    if asked in facets and not answered and not_applicable(text, asked, facets):
        parsed.retracted.append(asked)  # "it's a hat, no scale": not asked again
    if asked in facets and not parsed.dont_care:  # how well this user's answers read (agents.understanding)
        state.answers.append((asked, answer_score(mentions, asked, asked in parsed.retracted)))
        if not any(m.confidence >= SURE for m in mentions) and asked not in parsed.retracted:
            state.misreads += 1  # nothing of the answer read for sure (``agents.doubt.misread``)
    if asked in facets and not parsed.dont_care and asked not in parsed.retracted \
            and not answered and asked not in state.unread:
        state.unread.append(asked)  # the answer read as nothing: asked once more, its values offered
    for facet, words in parsed.unread_facets:  # "batwing sleeves": about the sleeves, no value read
        if facet in facets and facet not in state.known():
            notes.append(f"I couldn't tell which {facets[facet].label} “{words}” is, so I kept your words "
                         "in the search.")
            if facet not in state.unread:
                state.unread.append(facet)  # asked about, its values are offered as the choice
    for facet in parsed.retracted:
        state.retract(facet, idx)
        state.drop_wishes(facet=facet)
    for facet, value in parsed.forgotten_values:
        if not state.forget(facet, value, idx) and (facet, value) in parsed.removed_values:
            state.rule_out(facet, value, idx)  # "get rid of the florals": what the results show, never asked for
        state.drop_wishes(facet=facet)
    for words in [*parsed.forgotten, *parsed.unwanted]:
        state.drop_wishes(words)
    for wish in parsed.wishes:
        state.add_wish(wish)
    elsewhere = [(span, where) for span, where in parsed.elsewhere
                 if not (_THE.search(f" {text.lower()} ".split(f" {span} ")[0] + " ") and _forms(span) & earlier)]
    notes += understood_notes(replace(parsed, elsewhere=elsewhere), [m for m in mentions if m not in refused], facets)
    if parsed.unsearchable:
        notes.append(unsearchable_note(parsed.unsearchable))
    if parsed.owned:  # "a top to go with my navy skirt" (``agents.owned``)
        notes.append(f"I can't see your {' or your '.join(parsed.owned)}, so I left it out and searched for the rest.")
    if parsed.goes_with:  # "a shirt that goes with jeans": a search for one item cannot match it to another
        said = " or ".join(f"“{g}”" for g in parsed.goes_with)
        if any(m.facet == "category" and m.positive for m in parsed.mentions):
            notes.append(f"I searched for the item itself and left out {said}, what it should go with: I can't "
                         "match results to other clothes.")
        else:  # "what goes with a red skirt": no item asked for yet
            notes.append(f"I left out {said}, what it should go with: I can't match results to other clothes. "
                         "Tell me what kind of thing you'd like to wear with it.")
    understood = parsed.mentions or parsed.retracted or parsed.result_refs or parsed.comparatives or parsed.not_this \
        or parsed.this_ref or parsed.dont_care or parsed.elsewhere or parsed.forgotten \
        or parsed.forgotten_values or parsed.unwanted or parsed.unsearchable or parsed.wrong or parsed.right or parsed.facet_refs or parsed.owned or parsed.goes_with
    if not understood and not new_image:
        notes.append("I didn't recognise a colour, type or pattern there, so I searched for your words as they are.")
    return notes
