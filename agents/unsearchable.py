"""What shoppers ask that a picture catalog does not record: prices, clothing sizes and who the clothes are for.

"Something cheaper", "under 50 dollars", "in size M" are everyday requests. Before round 27 their words became
free-text wishes ("also: under dollars", "also: size") that the image search could do nothing with, and the
reply never said so. Now such phrases are found in the whole message, said to be out of the catalog's reach
once, and blanked so no word of them is read as a value or a wish. A facet set that does record them (a facet
named ``price``, ``size`` or ``wearer``) reads them as usual. Round 28 added the wearer ("my wife wants
something in emerald", "for my teenage son", "men's"), whose words were wishes ("also: wife").
"""

from __future__ import annotations

import re

from .colour_context import names_design
from .cues import DONT_CARE_ABOUT, NO_MATTER, NO_PREFERENCE
from .lexicon import Lexicon
from .parsed import Parsed
from .text import blank

# who will wear it: a relation, or a wearer group, with an age before it ("my teenage son", "for my 5 year old")
_AGE = (r"(?:(?:teenage|little|baby|older|younger|eldest|youngest|oldest|grown[\s-]up|best|new|future|small|young|"
        r"\d{1,2}[\s-]?(?:year|yr)s?[\s-]?old)\s+)?")
_WHO = (r"(?:wife|husband|son|daughter|sons|daughters|mum|mom|mother|dad|father|parents?|brother|sister|brothers|"
        r"sisters|partner|boyfriend|girlfriend|fiance|fiancee|kids?|children|child|grandma|grandmother|granny|grandpa|"
        r"grandfather|grandson|granddaughter|niece|nephew|aunt|auntie|uncle|cousin|friend|friends|boss|colleague|"
        r"teenager|toddler|baby|babies|girl|boy|girls|boys|little\s+one|\d{1,2}[\s-]?(?:year|yr)s?[\s-]?olds?)")
# "my husband has one like this", "my baby pink skirt", "a baby shower": no wearer
_NOT_AFTER = r"(?!\s+(?:has|had|have|owns|owned|wears|wore|shower|pink|blue|yellow|doll|bump|clothes)\b)"
_MONEY = r"(?:[$€£]\s?\d+(?:[.,]\d+)?k?\b|\b\d+(?:[.,]\d+)?\s?(?:[$€£]|(?:dollars?|bucks|euros?|eur|usd|gbp|pounds?|quid)\b))"
UNSEARCHABLE = {
    "price": re.compile(
        rf"(?:\b(?:for\s+)?(?:under|below|less\s+than|no\s+more\s+than|at\s+most|max(?:imum)?|up\s+to|around|"
        rf"about|over|above|more\s+than)\s+)?{_MONEY}(?:\s+(?:max|maximum|tops|or\s+less|at\s+most)\b)?|"
        r"\b(?:(?:not\s+too\s+|more\s+|less\s+)?(?:cheap|cheaper|cheapest|expensive|pricey|pricier|affordable|"
        r"inexpensive|budget(?:[\s-]friendly)?|bargain|discounted)|on\s+(?:a\s+)?(?:sale|budget)|"
        r"(?:the\s+)?(?:price|prices|priced|cost|costs|costing)(?:\s+(?:range|tag))?)\b"),
    "size": re.compile(
        r"\b(?:in\s+)?(?:a|an)\s+(?:small|medium|large|smaller|bigger|larger)\s+size\b|"
        r"\b(?:in\s+)?(?:a\s+)?(?:(?:uk|us|eu)\s+)?(?:size|sized)\s+(?:xxs|xs|s|m|l|xl|xxl|xxxl|\d{1,2}|small|medium|"
        r"large|extra[\s-]large|petite|plus)\b|\b(?:plus[\s-]size|petite\s+size|my\s+size|(?:in\s+)?(?:all\s+)?sizes?)\b|"
        r"\b(?:xxs|xs|xl|xxl|xxxl)\b"),
    # "for my teenage son", "my wife wants", "men's", "for kids": who will wear it. The words of a relation or a
    # wearer group are a closed class (as function words are); whatever else the message says is read as usual
    "wearer": re.compile(
        rf"(?<!like )(?<!as )(?<!to )\b(?:for\s+)?(?:my|our|his|her|their|your)\s+{_AGE}{_WHO}(?:'s)?\b{_NOT_AFTER}|"
        rf"\bfor\s+(?:a\s+|the\s+)?{_AGE}(?:men|women|man|woman|kids?|children|child|girls?|boys?|ladies|lady|gents|"
        rf"toddlers?|bab(?:y|ies)|teens?|teenagers?)\b{_NOT_AFTER}|"
        r"\b(?:men's|mens|women's|womens|kids'|children's|girls'|boys'|ladies')"),
}
SAID = {"price": "prices", "size": "clothing sizes", "wearer": "who the clothes are for"}
# "a price tag print", "an expensive-looking dress": a picture or a look, which the image search can use
_A_LOOK_NEXT = re.compile(r"^[\s-]*(?:[a-z]+[\s-]+)?(?:print|pattern|motif|graphic|design|looking)\b")
# "the price doesn't matter", "I don't care about size": nothing asked, so nothing to say the catalog lacks
_NO_MATTER_AFTER = re.compile(rf"^\s+{NO_MATTER}|^\s+(?:is|are)(?:n't|\s+not)\s+important")
_NO_MATTER_BEFORE = re.compile(rf"(?:{DONT_CARE_ABOUT}|{NO_PREFERENCE})$")  # the shapes of cues._RETRACT
_PRINT_WORDS = {"pattern", "patterns", "print", "prints", "printed", "motif", "motifs"}


def read_unsearchable(t: str, lexicon: Lexicon, out: Parsed, expect: str | None = None) -> str:
    """Records on ``out.unsearchable`` each attribute the message asks about that the facet set cannot show, and
    blanks its words (same length, so positions stay). A message about a pattern or print, or the answer to the
    pattern-size question, has no clothing size: "the size of the dots", "large size checks", "a large size"."""
    said = t
    for name, rx in UNSEARCHABLE.items():
        if name in lexicon.facets or (name == "size" and rx.search(t) and _printed(said, lexicon, expect)):
            continue
        found = False
        for m in list(rx.finditer(t)):
            if name == "price" and _A_LOOK_NEXT.match(t[m.end():]):
                continue
            found = found or not (_NO_MATTER_AFTER.match(t[m.end():]) or _NO_MATTER_BEFORE.search(t[: m.start()]))
            t = blank(t, m)
        if found and name not in out.unsearchable:
            out.unsearchable.append(name)
    return t


def _printed(t: str, lexicon: Lexicon, expect: str | None) -> bool:
    """Whether the message is about a pattern or print (or answers the pattern-size question); looked up only
    when a size was said, so an ordinary message costs no lexicon lookups here."""
    return expect == "scale" or any(w in _PRINT_WORDS or names_design(lexicon.lookup(w))
                                    for w in re.findall(r"[a-z]+", t.lower()))


def unsearchable_note(names: list[str]) -> str:
    """"This catalog doesn't record prices or clothing sizes, so I searched for the rest."""
    said = " or ".join(SAID[n] for n in names)
    return f"This catalog doesn't record {said}, so I can't narrow the search that way; I searched for the rest."
