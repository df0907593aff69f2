"""What is left of a message after the lexicon pass: runs of words read as a whole.

``agents.understand`` reads the message word by word (the lexicon, colour names, negation scopes); the words no
such pass took come here, grouped into runs of neighbours under one polarity. A run is read as a whole first (a
body landmark, "thin vertical lines" against the lexicon, a pattern's units), then word by word (a plant on a
garment is floral, a garment the catalog lacks is reported, a rare dictionary word), and what no source reads
stays in the caption as a free-text wish. Split from ``agents.understand`` in round 30, when that file passed
~450 lines: the word-by-word pass and the leftover reading are two steps with one hand-over (``leftover``).
"""

from __future__ import annotations

from .cues import _EMPTY, _FACET_WORDS, _HEADS, _STOPWORDS
from .dictionary import in_requests
from .forced_choice import forced_choice
from .landmarks import RELATION, body_word, held_by, landmark_value, part_value, part_word, sits_at
from .lexicon import Lexicon
from .noun_phrases import garment_at
from .parsed import Match, Mention, Parsed
from .style_words import style_entry
from .word_roles import said_as_colour, said_as_verb


def _carries(out: Parsed, facet: str, lexicon: Lexicon) -> bool:
    """Whether a kind the message names for sure has ``facet`` ("a dress": sleeves; "a bag": none)."""
    allowed = (lexicon.facets[facet].applies_to or {}).get("category") if facet in lexicon.facets else None
    kinds = {m.value for m in out.mentions if m.facet == "category" and m.positive and m.source != "similarity"}
    return bool(kinds) and (allowed is None or bool(kinds & set(allowed)))


def _landmark_after_noun(words: list[str], lexicon: Lexicon) -> tuple[str, str] | None:
    """A landmark phrase after the noun of its own facet ("a collar that covers my throat": turtleneck), the
    noun left out; None if the noun names another facet."""
    rest = [w for w in words if w not in _HEADS or w in ("arm", "arms", "neck")]  # a landmark noun stays one
    body = landmark_value(rest, lexicon.facets) if rest and len(rest) < len(words) else None
    return body if body and any(_HEADS[w] == body[0] for w in words if w in _HEADS) else None


def _runs(leftover: list[tuple[int, str, bool]]) -> list[list[tuple[int, str, bool]]]:
    """Leftover words that stood next to each other (with only function words between), same polarity."""
    runs: list[list[tuple[int, str, bool]]] = []
    for item in leftover:
        if runs and item[0] - runs[-1][-1][0] <= 2 and item[2] == runs[-1][-1][2]:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _relations_joined(runs: list[list[tuple[int, str, bool]]], lexicon: Lexicon) -> list[list[tuple[int, str, bool]]]:
    """Runs with a run of relation words alone joined to the landmark run after it: in "comes down to the floor"
    the words "to the" split "down" from "floor", and "down" stayed a wish after "floor" read maxi."""
    out: list[list[tuple[int, str, bool]]] = []
    for run in runs:
        if (out and all(w in RELATION for _, w, _ in out[-1]) and out[-1][0][2] == run[0][2]
                and landmark_value([w for _, w, _ in out[-1] + run], lexicon.facets)):
            out[-1] = out[-1] + run
        else:
            out.append(run)
    return out


def read_leftovers(leftover: list[tuple[int, str, bool]], lexicon: Lexicon, out: Parsed,
                    expect: str | None = None, toks: list[str] | None = None,
                    names: frozenset[str] = frozenset(), said: list[str] | None = None) -> None:
    """Words no phrase matched: whole descriptions, things the catalog lacks, single words, then wishes.

    An answer to a question is first compared with the asked facet's values only ("to the wrist",
    asked about sleeves), unless the message already named a value of it; words that still read as
    nothing are then a forced choice among that facet's values (``agents.forced_choice``), a guess.
    """
    wished: list[str] = []
    taken = {m.facet for m in out.mentions}
    said = said or toks or []  # the message's words before readings blanked them
    runs = _runs(leftover)
    # facets a landmark run says: a landmark said anywhere wins over a garment part ("cuffs at the elbow": short)
    at_landmark = {b[0] for r in runs if (b := landmark_value([w for _, w, _ in r], lexicon.facets))}
    runs = _relations_joined(runs, lexicon)
    for run in runs:
        words = [w for _, w, _ in run]
        negated = run[0][2]
        text = " ".join(words)
        match = None
        k = next((k for k in range(1, len(words)) if body_word(words[k - 1])
                  and garment_at(words, k, lexicon, lacking=True)), 0)
        if k:  # "cuffed ankle boots", "knee socks": the landmark names the kind, no length of the garment asked for
            wished.append(" ".join(words[:k]))
            run, words = run[k:], words[k:]
            text = " ".join(words)
        if len(words) == 1 and said[run[-1][0] + 1 : run[-1][0] + 2] == ["up"] and landmark_value(words, lexicon.facets):
            wished.append(text)  # "thumbs up", "hands up": a posture, no edge of a sleeve ("up to the wrist" is)
            continue
        body = landmark_value(words, lexicon.facets) or _landmark_after_noun(words, lexicon)
        if body and body[0] not in taken:  # "to the elbow", "above the knee": where on the body it ends
            out.mentions.append(Mention(*body, not negated, "landmark", text, ""))
            taken.add(body[0])
            continue
        part = part_value(words, lexicon.facets) if not negated else None
        at = landmark_value([w for w in words if not part_word(w)], lexicon.facets) if part else None
        if at and at[0] == part[0] and at[0] not in taken:  # "cuffs at the elbow": the landmark said wins
            out.mentions.append(Mention(*at, True, "landmark", text, ""))
            taken.add(at[0])
            continue
        if part and part[0] in at_landmark:
            wished.append(text)
            continue
        if part and part[0] not in taken:  # "ribbed cuffs": a cuff ends the sleeve at the wrist
            out.mentions.append(Mention(*part, True, "part", text, ""))
            taken.add(part[0])
            continue
        after = [w for w in said[run[-1][0] + 1 : run[-1][0] + 2] if w.isalpha() and w not in _STOPWORDS]
        held = held_by(words + after, lexicon.facets) if not negated else None  # "a strap bag": the bag's strap
        if held and held[0] not in taken and (expect == held[0] or _carries(out, held[0], lexicon)):
            out.mentions.append(Mention(*held, True, "part", text, ""))  # "a dress with thin straps": sleeveless
            taken.add(held[0])
            continue
        if sits_at(words):  # "ties at the waist", "high-waisted": where it sits, no length and no guess
            (out.unwanted if negated else wished).append(text)
            continue
        empty = empty_value(text, lexicon) if negated else _lacking(words, lexicon)
        if empty and empty[0] not in taken:  # "no logo", "without graphics": the facet's empty value
            out.mentions.append(Mention(*empty, True, "similarity", text, ""))
            taken.add(empty[0])
            continue
        style = style_entry(words, expect, lexicon) if expect and expect not in taken and not negated else None
        if style:  # asked about the neckline: "wrap", "piccadil": a shape or a style a dictionary defines
            out.mentions.append(Mention(expect, style[0], True, style[1], text, text))
            taken.add(expect)
            continue
        if expect and expect in lexicon.facets and expect not in taken:
            match = lexicon.similar(text, expect)
        if match is None and len(words) >= 2 and not any(lexicon.shown(w) for w in words):
            match = lexicon.similar(text)  # "tiny roses": the plant below, not the run's nearest colour
        if match and match.facet not in taken:
            out.mentions.append(Mention(match.facet, match.value, not negated, match.source, text, text))
            taken.add(match.facet)
            continue
        rest = []
        j = 0
        while j < len(words):
            seen = None
            for n in range(len(words) - j, 0, -1):  # longest span first ("sports car", then "car")
                span = " ".join(words[j : j + n])
                where = lexicon.knowledge.elsewhere(span)
                if where:
                    seen = (n, span, where)
                    break
            depicted = lexicon.knowledge.depicted(seen[1]) if seen and seen[2].kind == "outside" else None
            if depicted and lexicon.facets.offers(depicted.facet, depicted.value):
                n, span = seen[:2]  # "a shirt with tulips": plants on a garment are a floral print
                out.mentions.append(Mention(depicted.facet, depicted.value, not negated, "wordnet", span, span))
                j += n
                continue
            shown = lexicon.shown(words[j]) if not seen and not said_as_colour(said, run[j][0], lexicon) else None
            if shown and lexicon.facets.offers(shown.facet, shown.value):  # "a dress with roses", "dahlias": floral
                out.mentions.append(Mention(shown.facet, shown.value, not negated, shown.source, words[j], words[j]))
                j += 1
                continue
            kind_said = any(m.facet == "category" and m.positive for m in out.mentions)
            if seen and seen[0] == 1 and said_as_verb(said, run[j][0]):
                j += 1  # "a dress that ties at the waist": a verb, no garment the catalog lacks
                continue
            if seen:
                n, span, where = seen
                if where.kind == "outside" and kind_said and not negated and "motif" in lexicon.facets:
                    out.unread_facets.append(("motif", span))  # "a t-shirt with cats on it": a print of them
                    wished.append(span)
                    j += n
                    continue
                style = where.kind == "lacking" and garment_at(toks or [], run[j + n - 1][0] + 1, lexicon)
                if style:  # "a wrap dress", "a tunic top": a style of the kind after it, which the catalog has (it
                    # told the user it had no wraps, round 30); "not a wrap dress": a style not wanted (review)
                    (out.unwanted if negated else wished).append(span)
                else:
                    out.elsewhere.append((span, where))
                for e in lexicon.knowledge.traits(span) if where.kind == "lacking" and not negated else []:
                    if lexicon.facets.offers(e.facet, e.value) and e.facet not in taken:
                        out.mentions.append(Mention(e.facet, e.value, True, "wordnet", span, span))
                        taken.add(e.facet)  # "a halter": a garment the catalog lacks, but its arms are bare
                j += n
                continue
            tok = words[j]
            # Two dictionaries that agree ("cordate": heart) come before the MiniLM vote (trousers); no other row
            # reads such a word (``scripts/gcide_agreed.py``). Rare words come after it (row 3e).
            match = in_requests(tok, lexicon.define, lexicon.dictionary.agreed_word, names, kind_said)
            match = match or (lexicon.resolve(tok) if tok.isalpha() and len(tok) >= 3 else None)
            match = match or in_requests(tok, lexicon.define, lexicon.dictionary.is_rare, names, kind_said)  # row 3e
            if match and match.facet == "category" and garment_at(toks or [], run[j][0] + 1, lexicon, lacking=True):
                match = None  # "a bowling shirt", "a down jacket": a word before a garment noun says which kind
            if match and match.facet == "category" and match.source == "similarity" and lexicon.knowledge.material(tok):
                match = None  # "in corduroy": a fabric is no kind, whatever garment MiniLM finds near it
            if match:
                specific = tok if match.generalised and match.facet != "colour" else ""
                out.mentions.append(Mention(match.facet, match.value, not negated, match.source, tok, specific))
            else:
                rest.append(tok)  # a brand, a code, a word nobody listed: it stays in the query text
            j += 1
        guess = _guess(run, toks or [], lexicon, out, expect) if rest and expect not in taken else None
        if guess:  # "chessboard grid", asked about the pattern: checked, said to be a guess; the words stay in the query
            span, match = guess
            out.mentions.append(Mention(match.facet, match.value, True, match.source, span, span))
            taken.add(match.facet)
        elif rest and not (out.elsewhere and any(span in text for span, _ in out.elsewhere)):
            (out.unwanted if negated else wished).append(" ".join(rest))  # "sports" of "sports car" is no wish
    if wished:
        out.wishes.append(" ".join(wished))


def _guess(run: list[tuple[int, str, bool]], toks: list[str], lexicon: Lexicon, out: Parsed,
           expect: str | None) -> tuple[str, Match] | None:
    """(the span read, the asked facet's value) for an answer no source read, as a forced choice; the span is
    the run with the function and facet words between, and a facet noun just after ("puff sleeves")."""
    if not expect or expect not in lexicon.facets or run[0][2] or out.dont_care:
        return None
    if any(m.facet == expect for m in out.mentions):  # a word of the run already read as the asked facet
        return None
    s, e = run[0][0], run[-1][0] + 1
    if e < len(toks) and _FACET_WORDS.get(toks[e]) == expect:
        e += 1
    span = " ".join(t for t in toks[s:e] if t)
    match = forced_choice(span, expect, lexicon) if span else None
    return (span, match) if match else None


def _lacking(words: list[str], lexicon: Lexicon) -> tuple[str, str] | None:
    """"logoless", "patternless": a word "<X>less" that no source read says what "no <X>" says, when <X> names a
    decoration facet itself (``_empty_value``: motif none, pattern solid); "careless" names none."""
    if len(words) != 1 or not words[0].isalpha() or not words[0].endswith("less") or len(words[0]) < 7:
        return None
    return empty_value(words[0][: -len("less")], lexicon)


def empty_value(text: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """(facet, empty value) when a negated phrase names a decoration facet itself ("no logo" -> motif none), or
    begins with a kind of writing, sign or symbol WordNet names (the asset's ``marks``: "no symbols", "without
    lettering", "wordless"; round 30): what is printed on a garment, so none of it is the print motif's none."""
    words = text.split()
    if words and lexicon.knowledge.mark(words[0]) and lexicon.facets.offers("motif", _EMPTY["motif"]):
        return ("motif", _EMPTY["motif"])
    descriptions = {f.name: [f.label, f.name, *(w for w, n in _FACET_WORDS.items() if n == f.name)]
                    for f in lexicon.facets if f.name in _EMPTY and _EMPTY[f.name] in f.values}
    facet = lexicon.names_facet(text, descriptions) if descriptions else None
    return (facet, _EMPTY[facet]) if facet else None
