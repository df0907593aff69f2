"""The lexicon's colour readings: colour words by name, by RGB, by word form and as a colour-valued facet.

A mixin of ``agents.lexicon.Lexicon`` (it reads the lexicon's ``facets``, ``phrases``, ``lookup`` and
``knowledge``), kept in its own file because the colour sources are many and each needs a paragraph of
why: matplotlib's names and the survey vote (``agents.colour_names``), the big resource read only in a
colour context (``agents.colour_resource``), "X-coloured"/"-ish"/"-y" forms, survey modifiers and clipped
names, and "<colour> background" naming a colour-valued facet. docs/language.md, rows 2 to 3b.
"""

from __future__ import annotations

from functools import cached_property

from .colour_names import _NOT_COLOURS, ColourNames, _named_colours, achromatic, classify_rgb
from .colour_resource import thing_colours
from .colour_resource import version as resource_version
from .parsed import Match
from .text import normalise


class ColourReadings:
    """Colour readings for a lexicon (``Lexicon`` provides ``facets``, ``phrases``, ``lookup``, ``knowledge``)."""

    @cached_property
    def _colour_nouns(self) -> dict[str, str]:
        """Head nouns of facets whose values are colours ("background", "backdrop" -> background)."""
        if "colour" not in self.facets:
            return {}
        colours = set(self.facets["colour"].values)
        return {normalise(syn).split()[-1]: f.name for f in self.facets
                if f.name != "colour" and set(f.values) <= colours
                for v in f.values for syn in f.synonyms.get(v, ()) if " " in syn.strip()}

    def coloured_noun(self, key: str) -> Match | None:
        """"<any colour word> background": the colour, read by every colour source, names that facet's value
        ("a rose background" is a pink background, not a pink garment)."""
        words = key.split()
        facet = self._colour_nouns.get(words[-1]) if len(words) >= 2 else None
        if facet is None:
            return None
        rest = " ".join(words[:-1])
        hits = [m for m in self.lookup(rest) if m.facet == "colour"] if rest else []
        if hits and hits[0].value in self.facets[facet].values:
            return Match(facet, hits[0].value, hits[0].source, hits[0].score, hits[0].path)
        return None

    # Endings that make a colour word of a thing's name: "lemon-coloured", "emerald-ish".
    _COLOUR_SUFFIXES = ("coloured", "colour", "toned", "tinted", "hued", "shade", "ish")

    def shade_word(self, word: str) -> bool:
        """A word the colour survey puts before colour names to shade them ("dark", "pale", "muddy") and never
        uses as a name alone: the resource's own name "dark" (a navy) made the answer "dark" a blue."""
        return word in self.colour_names.modifiers and word not in self.colour_names.names

    def colour_by_form(self, key: str) -> list[Match]:
        """A colour named after a thing whose colour a source states (matplotlib's names, WordNet's colour
        words), also through "X-coloured", "X-ish" and "-y"/"-ish" forms ("lemony", "chocolatey")."""
        if "colour" not in self.facets or key in _NOT_COLOURS:
            return []
        shaded = self.colour_names.modifier(key)  # "pale sage", "deep plum": a survey modifier shades a colour
        if shaded:
            found = [m for m in self.lookup(shaded[1]) if m.facet == "colour"]
            if found:
                return [Match("colour", found[0].value, "colour modifier", path=f"{shaded[0]} + {found[0].source}")]
        clipped = self.colour_names.clipped(key)  # "duck egg" of "duck egg blue"
        if clipped and clipped in self.facets["colour"].values:
            return [Match("colour", clipped, "colour name", path="clipped survey name")]
        words = key.split()
        stems = [key]
        if len(words) >= 2 and words[-1] in self._COLOUR_SUFFIXES:
            stems.append(" ".join(words[:-1]))
        elif len(words) == 1 and len(key) >= 5:
            for end in ("ish", "ey", "y"):
                if key.endswith(end):
                    stem = key[: -len(end)]
                    stems += [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem]
        shade = len(words) == 1 and self.shade_word(key)  # "dusky": a shade word, not the colour of dusk
        for i, stem in enumerate(dict.fromkeys(stems)):
            if i and shade and not any(f == "colour" for f, _ in self.phrases.get(stem, [])):
                continue  # ... unless its stem is a colour word ("bluey" is blue)
            if i:  # a stem the lexicon or matplotlib knows as a colour ("lemon" of "lemony")
                hits = [Match(f, v, "colour form") for f, v in self.phrases.get(stem, []) if f == "colour"]
                colour = hits[0] if hits else self.colour_of(stem)
                if colour:
                    return [Match("colour", colour.value, "colour form")]
            if i == 1 and len(words) >= 2 and not self.shade_word(stem):  # "toffee-coloured", "lilac-ish": the
                # ending says a colour is meant; "a dark shade" says only how dark (the resource's "dark" is a navy)
                known = self.knowledge.lookup(stem)
                colour = self.colour_in_context(stem) if not known else None
                if colour:
                    return [Match("colour", colour.value, "colour form", path=colour.path)]
                colour = self.colour_by_longer_names(stem) if not known else None
                if colour:  # "kelly-coloured": a guess, as everywhere ("tennis-ish" has such names too)
                    return [Match("colour", colour.value, "longer names", path=colour.path)]
            entries = [e for e in self.knowledge.lookup(stem) if e.facet == "colour"]
            entries = [e for e in entries if e.value in self.facets["colour"].values]
            if entries:
                return [Match("colour", entries[0].value, "wordnet", path=entries[0].path)]
        return []

    def colour_of(self, name: str) -> Match | None:
        """A matplotlib colour name's palette colour."""
        if "colour" not in self.facets:
            return None
        rgb = _named_colours().get(name)
        return self.rgb_colour(name, rgb) if rgb is not None else None

    def colour_in_context(self, name: str) -> Match | None:
        """A colour named after a thing in the big installed resource (``agents.colour_resource``). Only for
        callers that know a colour is expected there (``agents.colour_context``, "X-coloured"): out of
        context "abbey" or "cotton" are no colours."""
        if "colour" not in self.facets:
            return None
        rgb = thing_colours().get(name)
        found = self.rgb_colour(name, rgb) if rgb is not None else None
        found = self._named_side(name, rgb, found) if found else None
        return Match("colour", found.value, "colour resource", path=f"{resource_version()}: {found.source}"
                     + (f", {found.path}" if found.path else "")) if found else None

    @cached_property
    def _suffixed(self) -> dict[str, set[tuple[str, str]]]:
        """name -> {(longer name, value)} for the names "<name> <basic colour word>" of the resource, matplotlib
        and WordNet's colour words ("lead" -> lead grey, "soot" -> soot black)."""
        def basic(word: str) -> str | None:
            return next((v for f, v in self.phrases.get(word, []) if f == "colour"), None)

        wordnet = [w for w, es in self.knowledge.words.items() if es[0].facet == "colour"]
        out: dict[str, set[tuple[str, str]]] = {}
        for n in [*thing_colours(), *_named_colours(), *wordnet]:
            *first, last = n.split()
            value = basic(last) if first else None
            if value:
                out.setdefault(" ".join(first), set()).add((n, value))
        return out

    def colour_by_longer_names(self, name: str) -> Match | None:
        """A word with no RGB of its own in any resource whose names "<word> <basic colour word>" (the resource's,
        matplotlib's, WordNet's colour words) all say one colour ("kelly" of kelly green, "yale" of yale blue).
        Read only where a colour is asked for (``agents.colour_context``): "kitchen" and "formal" have such
        names too, so anywhere else it would make colours of ordinary words."""
        if "colour" not in self.facets or name in thing_colours() or name in _named_colours() or self.lookup(name):
            return None  # another reading wins: "solid" is a pattern, so "solid colour" is no "solid pink"
        # Only names ending in the palette value's own word: "rose" is a colour word too, but "icing rose" is a
        # cake decoration, not a pink.
        named = {(n, v) for n, v in self._suffixed.get(name, set()) if n.split()[-1] == v}
        values = {v for _, v in self._suffixed.get(name, set())}
        value = next(iter(values)) if len(values) == 1 and named else None
        if value is None or value not in self.facets["colour"].values:
            return None
        return Match("colour", value, "colour name", path=f"{resource_version()}: by its longer name {sorted(named)[0][0]}")

    def _named_side(self, name: str, rgb, found: Match) -> Match:
        """A name on a border of the palette, by its RGB, takes the side its longer names say: when every name
        "<name> <basic colour word>" of the resources says one colour, and the RGB has a survey example of that
        colour among its nearest (``ColourNames.borders``) or both are hueless ("lead" is dark enough for black,
        but "lead grey" says grey; "kale" sits between green and grey, and "kale green" says green)."""
        named = self._suffixed.get(name, set())
        values = {v for _, v in named}
        value = next(iter(values)) if len(values) == 1 else None
        hueless = {"black", "white", "grey"}
        if value is None or value == found.value or value not in self.facets["colour"].values:
            return found
        if self.colour_names.borders(rgb, value) or (achromatic(rgb) and {value, found.value} <= hueless):
            return Match("colour", value, "colour name", path=f"{found.value} by its RGB, {sorted(named)[0][0]} by name")
        return found

    def rgb_colour(self, name: str, rgb: tuple[float, float, float]) -> Match | None:
        """The palette colour of a named RGB: a basic colour word inside the name, else the survey vote."""
        values = self.facets["colour"].values
        # A basic colour word inside the name is the head: "olive green" is green.
        for word in reversed(name.split()):
            hits = [v for f, v in self.phrases.get(word, []) if f == "colour"]
            if hits:
                return Match("colour", hits[0], "colour name")
        # The survey's nearest labelled names, within its bar; it heads only 10 names with black or white,
        # so colours without a hue are left to the lightness rules.
        near = None if achromatic(rgb) else self.colour_names.nearest(rgb)
        if near and near[0] in values:
            return Match("colour", near[0], "colour survey", path=f"nearest survey name: {near[2]}")
        value = classify_rgb(rgb, values)
        return Match("colour", value, "colour hue") if value else None

    @cached_property
    def colour_names(self) -> ColourNames:
        """Readings learnt from matplotlib's colour names against this facet set's colour words."""
        def basic(word: str) -> str | None:
            return next((v for f, v in self.phrases.get(word, []) if f == "colour"), None)

        return ColourNames(_named_colours(), basic)
