"""The words and sentence shapes the offline parser (``agents.understand``) knows: function words, negation
cues and their scope boundaries, the nouns that name a facet, and the patterns of whole-message shapes
(retraction, "that's it", result references, "like this", comparatives)."""

from __future__ import annotations

import re

from .landmarks import body_word

_STOPWORDS = set(
    """a an the i i'm im me my we you it its it's is are was be am do does did to of for in on at by with and or
    but so that this these those there here some any something anything someone one ones item items thing things
    piece pieces want wanted need looking look find show give get please would could can like love really very
    just maybe also too more less kind sort type style what which who how where when why yes yeah ok okay sure
    hi hello hey thanks thank cheers search searching see let's lets have has had i'd i'll id ill should shall
    colour colours pattern patterns print prints sleeve sleeves neckline neck length motif category buy wear
    wearing prefer preferably rather quite bit little mostly good nice great same similar as than then now again
    instead other else only all both either neither well actually still think go going into from up about
    fine matter mind care cool good better best new old big small cheap pretty cute lovely casual formal
    elegant favourite color coloured colored shown showing result results picture pictures image images photo photos
    um umm uh uhh hmm hmmm erm er ah oh ooh wow lol haha hehe pls plz idk tbh omg ugh yep yup nope hm meh
    say guess suppose probably perhaps definitely honestly basically literally kinda sorta somewhat wait sorry
    oops actually think thought was were been being something's it'd that'd i've you're they're there's
    version versions everything option options variant variants between decide choose torn
    that's what's goes went said mean believe reckon
    made make makes making wants needs try trying show change changed switch closer closest almost nearly exactly
    perfect understand our ours your yours his her hers their theirs them they he she him got gotten undo meant
    start after enough likes loves liked loved pair pairs come comes coming available another""".split()
)
# Stance adverbs and hedges ("green if possible", "short sleeves obviously", "ideally red"): about the asking, never
# a value or a wish ("ideally" and "naturally" read as a solid pattern by similarity before).
_STOPWORDS |= set(
    """if possible possibly hopefully ideally obviously clearly course naturally absolutely certainly surely
    necessarily totally simply anyway anyhow otherwise personally generally usually typically size sizes sized""".split()
)  # "size": of a print, the scale word read beside it says which ("big size dots"); of clothes, agents.unsearchable

_NEGATION_CUES = [
    ("anything", "but"), ("anything", "except"), ("everything", "but"), ("other", "than"), ("rather", "than"),
    ("instead", "of"), ("but", "not"), ("not",), ("no",), ("without",), ("except",), ("nor",), ("never",),
    ("avoid",), ("non",), ("isn't",), ("aren't",), ("don't",), ("dont",), ("doesn't",), ("hate",), ("exclude",),
    ("excluding",), ("minus",), ("nothing",), ("none",), ("no", "more"),
    ("neither",),  # "neither stripes nor checks" wanted stripes (round 30)
    ("too",), ("too", "much"), ("too", "many"),  # "these are all too plain", "too long": not that (round 28)
    ("fewer",),  # "fewer flowers" wanted flowers
]
_NEGATION_CUES.sort(key=len, reverse=True)  # the longest cue at a word wins: "no more stripes" is no "no" + "more"
_BOUNDARIES = {",", ".", ";", "!", "?", "but", "and", "with", "make", "just", "though",
               "however", "instead", "in", "maybe", "more", "rather", "prefer", "actually", "so"}

_FACET_WORDS = {
    "colour": "colour", "colours": "colour", "shade": "colour", "pattern": "pattern", "patterns": "pattern",
    "sleeve": "sleeve", "sleeves": "sleeve", "sleeve length": "sleeve", "neckline": "neckline", "neck": "neckline",
    "length": "length", "type": "category", "kind": "category", "category": "category", "style": "category",
    "print": "motif", "motif": "motif", "graphic": "motif", "setting": "setting", "place": "setting",
    "subject": "subject", "time": "time_of_day", "season": "season", "people": "people_count",
}
_FW = "|".join(sorted(map(re.escape, _FACET_WORDS), key=len, reverse=True))
# "any colour but red", "every pattern except stripes": the same as "anything but red" (the facet word is
# implied by the value), never a retraction of the facet.
_ANY_BUT = re.compile(rf"\b(?:any|every)\s+(?:{_FW})\s+(but|except)\b")
# "not only red but also blue", "not just stripes but dots too": both are wanted, the "not" negates "only".
_NOT_ONLY = re.compile(r"\bnot\s+(?:only|just|merely|simply)\b(?=.*\bbut\b)")
# A retraction verb is an imperative: never inside a noun phrase or after a subject ("a drop waist dress", "a long
# drop waist dress", "sleeves that drop past the wrist" forgot the dress and the sleeve length), nor before a
# preposition ("drop down to the floor").
# Its place: the start of the message or of a clause (after a pause, a joining word, "please", "can you", "let's").
_IMPERATIVE = (r"(?:^|(?<=[,.;!?:])|(?<=[,.;!?:] )|"
               + "|".join(rf"(?<=\b{w} )" for w in ("please", "just", "and", "but", "so", "then", "ok", "okay", "oh",
                                                     "actually", "can you", "could you", "you can", "let's", "lets",
                                                     "to", "now", "also", "maybe", "hmm", "no", "yes", "well", "we",
                                                     "you", "pls", "plz"))
               + r")\b(?=\w+\s+(?!(?:past|below|down|off|to|from|by|in|out|over|under|at|into|onto|low|lower)\b))")
# Saying something does not matter, after it and before it (``agents.unsearchable`` reads them of a size or price)
NO_MATTER = r"(?:doesn't|does\s+not|don't|do\s+not|won't)\s+matter"
DONT_CARE_ABOUT = r"(?:don't|do\s+not|dont)\s+(?:care|mind)\s+(?:about\s+)?(?:the\s+)?"
NO_PREFERENCE = r"no\s+preference\s+(?:on|for|about)\s+(?:the\s+)?"
_RETRACT = [
    re.compile(rf"\b(?:any|whatever|whichever|every|all)\s+(?P<f>{_FW})\b(?!\s+(?:but|except))"),
    re.compile(rf"\b(?:the\s+)?(?P<f>{_FW})\s+{NO_MATTER}"),
    re.compile(rf"\b{DONT_CARE_ABOUT}(?P<f>{_FW})\b"),
    re.compile(rf"\b{NO_PREFERENCE}(?P<f>{_FW})\b"),
    re.compile(rf"{_IMPERATIVE}(?:forget|ignore|drop)\s+(?:about\s+)?(?:the\s+)?(?P<f>{_FW})\b"),
]
_DONT_CARE = re.compile(
    r"^\s*(?:(?:hmm+|um+|uh+|erm|well|honestly|sorry|oh|ah|ok|okay|so)\b[\s,.!]*)*(?:it\s+)?"
    r"(?:doesn't matter|does not matter|don't care|dont care|no preference|any|anything|whatever|"
    r"either|either one|both|both are fine|(?:i'm |im |i am )?not (?:really )?sure|no idea|no clue|i don't mind|don't mind|"
    r"(?:i\s+)?(?:have\s+)?no\s+(?:(?:real|strong|particular|big)\s+)?preference|"
    r"(?:i\s+)?(?:don't|do not|dont)\s+(?:really\s+)?have\s+(?:a\s+|any\s+)?(?:(?:real|strong|particular|big)\s+)?"
    r"(?:preference|favourite|favorite|idea|clue)|you (?:choose|pick|decide)|up to you|surprise me|pass|next question|neither(?: of them)?|"
    r"skip(?: (?:this|that|it))?(?: one| question)?|"
    # not knowing is no preference either: the facet is not asked again ("i don't remember"; "can't" reads "not")
    r"(?:i\s+)?(?:don't|do not|dont|not)\s+(?:know|remember|recall)|dunno|i forget|i forgot)"
    r"(?:\s+(?:is|are)?\s*(?:fine|ok|okay|good))?"
    r"(?:\s+(?:really|to me|at all))?(?:[\s,.!]*(?:sorry|honestly|really|tbh))?\s*[.!]*\s*$"
)
# "yes", "that's right": the whole answer agrees (to "I read “gold” as yellow: which colour was it?").
_AFFIRM = re.compile(r"^\s*(?:yes|yeah|yep|yup|yes please|right|correct|exactly|that's right|that is right|"
                     r"that's correct|it was|it is|sure|indeed)\s*[.!]*\s*$", re.IGNORECASE)
_FOUND = re.compile(
    r"\b(?:that's it|thats it|this is it|that is it|(?:i|we|you)?\s*found it|that's the one|thats the one|"
    r"this is the one|that is the one|this one is it|that's exactly it|it's this one|that's mine|got it)\b"
    r"(?!\s+(?:but|except|almost|nearly))"
)
# "forget the pelican", "never mind the stripes", "drop the red": a retraction of whatever follows; after a verb of
# removing ("get rid of the floral ones"), a value nothing was said of is what the results showed: ruled out
# (``Parsed.removed_values``, ``agents.message``).
_FORGET = re.compile(
    _IMPERATIVE + r"(?:forget|drop|scratch|ignore|never\s+mind|nevermind|skip|(?P<rm>remove|get\s+rid\s+of|(?<!\bto )take\s+away|ditch))"
    r"\s+(?:about\s+)?(?:the\s+|that\s+|my\s+|those\s+|these\s+|all\s+the\s+)?"
    r"(?P<x>[a-z0-9&' ]+?)(?:\s+ones?)?\s*(?=[,.;!?]|$|\band\b|\bbut\b|\bthen\b|\bplease\b)"
)
_ORD = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
    "9th": 9, "10th": 10, "last": -1,
}
_ORD_RE = "|".join(_ORD)
_RESULT_REF = re.compile(
    rf"(?P<neg>\b(?:not|no|don't like|dont like|hate|(?<!more or )less)\s+)?(?:\b(?:like|than|as|to)\s+)?"
    rf"(?:\bthe\s+(?P<ord>{_ORD_RE})(?:\s+(?:one|result|item|picture|image|photo))?\b"
    rf"|#\s*(?P<hash>\d+)\b|\b(?:number|result|item)\s+(?P<num>\d+)\b"
    # a bare number opening a verdict: "4 is close but too long" ("is close" is blanked by ``_SHAPES`` before, so
    # "4   but"); not "12, but loose" (a size)
    rf"|^\s*(?P<lead>\d{{1,2}})(?=\s+(?:is|was|looks|seems)\s+(?:close|closer|nice|good|great|perfect|right|"
    rf"almost|nearly|better|best)\b|\s{{2,}}but\b))"
)
# "is off", "isn't right", "is too dark": said of a facet, the value shown is the wrong one
_BAD = (r"(?:(?:is|are|was|'s|looks|seems|feels)\s+(?:a\s+(?:bit|little)\s+|all\s+|just\s+|totally\s+|completely\s+|"
        r"slightly\s+|so\s+|way\s+)?(?:off|wrong|not\s+(?:quite\s+)?right|not\s+it|all\s+wrong|too\s+[a-z]+)|"
        r"(?:isn't|is\s+not|wasn't|aren't|are\s+not)\s+(?:quite\s+)?(?:right|it))\b")
# "the colour of the first one", "same pattern as #3", "the sleeves of the second one are wrong": one facet of a
# shown result, wanted (or, with "not", "different" or "is wrong", ruled out), never the whole result as a reference
_FACET_OF = re.compile(
    rf"(?P<neg>\b(?:not|no|don't like|dont like|do not like|hate|dislike|not keen on|not a fan of|"
    rf"(?:a\s+)?different|another|other)\s+)?\b(?:the\s+)?(?P<f>{_FW})\s+(?:of|as|from|in|on)\s+"
    rf"(?:the\s+(?P<ord>{_ORD_RE})(?:\s+(?:one|result|item|picture|image|photo))?\b|#\s*(?P<hash>\d+)\b|"
    rf"(?:number|result|item)\s+(?P<num>\d+)\b)"
    rf"(?P<bad>\s+{_BAD})?"
)
_THIS_REF = re.compile(
    r"\b(?:like|similar to|same as|as in|based on|resembling)\s+(?:this|that|these|it|my photo|the photo|my picture|"
    r"the picture|the image|my image|this one|that one|the one i uploaded)\b|^\s*(?:this|that|same)\s+(?:one\s+)?but\b"
)
# "not this one", "no, not that": a shown result ruled out without saying which (the one the user has open)
_NOT_THIS = re.compile(r"\b(?:not|no|don't like|dont like|do not like|hate)\s+(?:this|that)(?:\s+one)?\s*(?=[,.;!?]|$|\bbut\b)")
# "the colour is off", "right shape, wrong colour", "in a different colour", "not that colour": the value shown or
# asked for (the reference's, the one asked for, the result open) is the wrong one (``Parsed.wrong``)
_KIND_OF = r"(?:(?:kind|type|sort|style)s?\s+of\s+)?"  # "a different kind of print": the print
_WRONG = [
    re.compile(rf"\b(?:the\s+|its\s+|their\s+)?(?P<f>{_FW})\s+{_BAD}"),
    re.compile(rf"\b(?:a\s+different|another|the\s+wrong|wrong|some\s+other|any\s+other|in\s+other|"
               rf"not\s+(?:that|this|the\s+same))\s+{_KIND_OF}(?P<f>{_FW})s?\b"),
]
# "right colour", "the colour is perfect", "keep the pattern", "same sleeves": the value shown or asked for is the
# one wanted (``Parsed.right``); not "I'd like the colour to be darker" (a wish about it), and under a negation
# ("I don't like the colour") the value is ruled out instead
_RIGHT = [
    re.compile(rf"\b(?:the\s+)?(?:right|correct|perfect)\s+(?P<f>{_FW})\b"),
    re.compile(rf"\b(?:the\s+|its\s+)?(?P<f>{_FW})\s+(?:is|are|was|'s|looks|seems)\s+(?:just\s+|exactly\s+|perfectly\s+)?"
               r"(?:right|correct|fine|perfect|spot\s+on|ok|okay|great|good|lovely)\b"),
    re.compile(rf"(?<!would )(?<!'d )\b(?:keep|same|love|like|liked|loved)\s+(?:the\s+|that\s+|this\s+|its\s+)?"
               rf"{_KIND_OF}(?P<f>{_FW})\b(?!\s+(?:to|of|from|on|in|as|should|would|could)\b)"),
]
# what turns a liking round: "I don't like the colour", "I really don't love the print", "wouldn't keep the pattern"
_DISLIKE = re.compile(r"\b(?:don't|dont|do\s+not|didn't|did\s+not|wouldn't|would\s+not|never|not|no\s+longer)"
                      r"(?:\s+(?:really|much|particularly|exactly))?\s*$")
# facet words too vague for a verdict: "another time", "a different place", "another style" (a cut, for most people)
_VAGUE = {"time", "place", "people", "style", "kind", "type"}
# "a shirt with a print", "a patterned dress", "has a graphic": some decoration, whichever: not the empty value
_DECORATED = re.compile(r"(?<!no )(?<!without )(?<!not )\b(?:(?:with|has|having|have|got)\s+(?:a|an|some)\s+"
                        r"(?P<f>print|graphic|motif|logo|pattern|design)(?!\s+(?:of|size|on\s+the\s+back))\b|"
                        r"(?P<adj>patterned|printed)\b(?!\s+with))")
# "one colour", "a single shade", "single-coloured", "unicolour", "monochrome": a count of one said of a colour noun
# is a garment in one colour, the solid pattern (round 29). The count words: "one", "single" and the prefixes "uni-",
# "mono-"; the colour nouns: the colour facet's own head nouns (colour, shade, tone, hue) and "chrome" (Greek for
# colour: "monochrome", "monochromatic"). Not "the same colour" (a comparison: "the same colour as the first"), and
# not a step of a colour ("one shade darker", "a single tone lighter"): the comparatives after it.
_ONE_COLOUR = re.compile(r"\b(?:(?:one|single)[ -]?|uni-?|mono-?)(?:colou?r(?:ed|s)?|shades?|toned?|hued?|"
                         r"chrom(?:e|atic|ic))\b(?!\s+(?:darker|lighter|brighter|deeper|paler|softer|bolder|more|less|"
                         r"than))")
_DECORATION_FACET = {"print": "motif", "graphic": "motif", "motif": "motif", "logo": "motif", "printed": "motif",
                     "pattern": "pattern", "design": "pattern", "patterned": "pattern"}
# "the third one is close", "number 2 looks nearly right": a verdict on the result the message names, no words
_VERDICT = re.compile(r"\b(?:is|are|'s|looks?|seems?)\s+(?:very\s+|really\s+|quite\s+|pretty\s+|so\s+)?"
                      r"(?:close|nearly\s+(?:right|it)|almost\s+(?:right|it)|right|good|nice|great|lovely)\b")
_COMPARATIVE = re.compile(r"\b(?P<dir>longer|shorter|bigger|larger|smaller|tinier|thicker|thinner)\b"
                          r"(?:\s+(?P<sl>sleeves?))?")
# The sleeves before it, at the end of a clause: "make the sleeves shorter", "the sleeves a bit longer please" (round
# 30: the hem's length was read); not "a short sleeve longer dress", where the comparative is the dress's.
_SLEEVES_COMPARATIVE = re.compile(
    r"\b(?P<sl>sleeves?)\s+(?:(?:should|could|must)\s+be\s+|need\s+to\s+be\s+)?"
    r"(?:(?:a\s+)?(?:bit|little|touch|lot)\s+|much\s+|slightly\s+)?(?P<dir>longer|shorter)\b"
    r"(?=\s*(?:$|[,.;!?]|(?:please|than|and|but|too|though|if|this|time)\b))")
_GROWS = {"longer": 1, "shorter": -1, "bigger": 1, "larger": 1, "smaller": -1, "tinier": -1, "thicker": 1, "thinner": -1}
_SIZES = {"bigger", "larger", "smaller", "tinier", "thicker", "thinner"}  # a pattern's ("make the stripes thinner")
_THICKNESS = {"thicker", "thinner"}  # of a pattern only with a pattern word; else a word ("thinner trousers": slim)


# Nouns that name a facet: the words just before them describe that facet ("cap sleeves", "tea length").
_HEADS = {"sleeves": "sleeve", "sleeve": "sleeve", "sleeved": "sleeve", "arms": "sleeve", "neckline": "neckline",
          "neck": "neckline", "necked": "neckline", "collar": "neckline", "length": "length", "hem": "length",
          "hemline": "length", "print": "motif", "prints": "motif", "motif": "motif", "motifs": "motif"}

_CUE_WORDS = {w for c in _NEGATION_CUES for w in c}

# The value that means "nothing of this facet": what "no <a word for the facet>" asks for.
_EMPTY = {"motif": "none", "pattern": "solid"}


# Shapes rewritten before reading, each (pattern, replacement): "can't" is "not"; "go back to blue" is blue again;
# "the second one is close" says nothing to search for; "red and/or blue" offers both; "shirt/jacket" names two
# things, never a compound.
_SHAPES = [(re.compile(p), r) for p, r in (
    # "I can't decide between blue and green": undecided, no negation of blue (review, round 30)
    (r"\b(?:can't|cannot|can\s+not|couldn't|don't|dont)\s+(?:really\s+)?(decide|choose|pick)\b", r"\1"),
    (r"\bcan't\b|\bcannot\b", "not"),
    (r"\b(?:go|going|switch|change it|turn it)\s+back\s+to\b", "to"),
    (r"\b(?:is|are|was|looks?|seems?)\s+(?:(?:very|quite|pretty|really|so)\s+)?close\b", " "),
    (r"\band\s*/\s*or\b", "or"),
    (r"(?<=[a-z])\s*[/+]\s*(?=[a-z])", " and "),
    (r"\b(?:nothing|none)\s+with\b", "no"),  # "nothing with flowers" wanted flowers: "with" ended the scope
    # "short or long sleeves", "long and short-sleeved": both adjectives are the sleeves' (the first read a hem length)
    (r"\b(short|long)\s+(or|and|and/or)\s+(?=(?:short|long)[\s-]+sleeve)", r"\1 sleeves \2 "),
    # "it doesn't have to be red": no longer a must, so forgotten (``_FORGET``), never ruled out
    (r"\b(?:doesn't|does\s+not|don't|do\s+not|needn't|need\s+not)\s+(?:have|need)\s+to\s+be\s+", ", never mind "),
    # "i'd rather not have sleeves", "it shouldn't have a logo": "not have" says "no" (not a preference or an idea)
    (r"\b(?:not|don't|dont|doesn't|shouldn't|mustn't|won't)\s+(?:have|has|come\s+with)\s+(?:any\s+)?"
     r"(?!(?:a\s+|any\s+)?(?:(?:real|strong|particular|big)\s+)?(?:preference|idea|clue|favourite|favorite|time|money)\b)",
     "no "),
    # "swap the red for blue", "replace the stripes with dots": the first is no longer wanted, the second is
    # (not "switch to black for the evening", "change into a skirt with pockets": a preposition or a pronoun first
    # says what it becomes; review, round 30)
    (r"\b(?:swap|switch|replace|trade|change)\s+(?:the\s+|that\s+|those\s+)?"
     r"(?!(?:to|into|from|over|up|back|out|it|them|this|something|anything|my|your)\b)"
     r"((?:[a-z-]+\s+){0,2}?[a-z-]+)\s+(?:for|with|to|into)\s+(?=[a-z])", r"not \1 , "),
    # "no, the other way round", "all round": idioms, no round (crew) neckline
    (r"\b(?:the\s+)?other\s+way\s+(?:a)?round\b|\ball\s+year\s+round\b|\ball\s+round\b", " "),
    # "as long as it's not pink": a condition, no long hem (a comparison, "as long as my coat", is left alone)
    (r"\b(?:as|so)\s+long\s+as(?=\s+(?:it|it's|its|they|they're|there|there's|i|i'm|you|you're|we)\b)",
     ","),
)]
# A negation after what it negates: "stripes are a no", "turtlenecks are not my thing", "v-necks don't suit me"
# wanted stripes and turtlenecks. The words before it, back to a pause or a joining word (at most three), are negated.
_POST_NEGATION = re.compile(
    r"(?<!\bthat)(?<!\bwhich)(?<!\bwho)\s+(?:(?:is|are)\s+(?:(?:really|just|definitely|so|totally|a\s+bit)\s+)?"
    r"(?:a\s+(?:hard\s+)?(?:no|no-go|no\s+go|pass)(?=\s*(?:[,.;!?]|$|(?:for|from)\s+me\b|but\b|and\b))|(?<=are )(?:really\s+)?out(?!\s+(?:of|there|here|now|today|tonight))|"
    r"not\s+(?:really\s+)?my\s+(?:thing|style|taste))|(?:isn't|aren't)\s+(?:really\s+)?my\s+(?:thing|style|taste)|"
    r"(?:don't|doesn't|do\s+not|does\s+not)\s+(?:really\s+)?suit\s+me)\b")
# "Not for me" is left out: "the dress is not for me, it's for my mum" is about who wears it, no dislike.
_POST_STOP = {",", ".", ";", "!", "?", "but", "and", "so", "though", "i", "also"}


def _post_negated(t: str) -> str:
    """``t`` with each negation said after its words ("stripes are a no") moved before them ("not stripes"). Bare
    body parts stay as they were ("my arms are out": sleeveless, ``agents.landmarks``)."""
    start = 0
    while m := _POST_NEGATION.search(t, start):
        words = t[: m.start()].split(" ")
        if "out" in m.group() and words and body_word(words[-1].strip(",.;!?")):
            start = m.end()
            continue
        k = len(words)
        while k > 0 and len(words) - k < 3 and words[k - 1] and words[k - 1] not in _POST_STOP:
            k -= 1
            if words[k][-1] in ",.;!?":  # "a red dress. florals are not for me": the pause ends the words
                words[k:k + 1] = [words[k][:-1], words[k][-1]]
                k += 2
                break
        head = " ".join(words[:k])
        t = f"{head}{' ' if head else ''}not {' '.join(words[k:])} ,{t[m.end():]}"
    return t


def plain_shapes(t: str) -> str:
    """A normalised message with the shapes of ``_SHAPES`` rewritten."""
    for rx, replacement in _SHAPES:
        t = rx.sub(replacement, t)
    return _post_negated(t)
