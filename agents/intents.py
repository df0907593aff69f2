"""Messages that talk to the assistant rather than describe an image: a greeting, a request for help, "what did
you understand?", thanks, "start over", "undo", "none of these", "show me more". What the assistant answers is in ``agents.replies``.

A person chatting types these as readily as a description. Read as a description they went wrong in ways a
user notices at once: "hi" searched for nothing and said it had not recognised a colour, "start over" and
"undo" became words the search looked for in every later turn, "what did you understand?" added
"understand". So the session recognises them first (``Session.step``) and answers them without touching the
beliefs, or, for "start over" and "undo", by doing what the "New search" button and a step back do.

Only a whole message is an intent ("hi, a red dress please" is a request with a greeting in front: the
greeting is dropped and the request read); "start over" and "new search" may be followed by the new request
("start over: a blue skirt"). Every pattern is function words and the assistant's own verbs, never a word
about clothes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import clean, normalise

# Words a person puts around an intent without changing it ("hi there!", "ok, start over please", "hey, how
# does this work?").
_AROUND = (r"(?:(?:ok|okay|so|well|um|hmm|oh|ah|erm|please|pls|now|again|then|there|thanks|thank you|alright|"
           r"right|hi|hello|hey)\b[\s,.!]*)*")
_END = r"[\s,.!?]*(?:please|pls|thanks|thank you|now)?[\s,.!?]*$"


def _whole(*phrases: str, then: str = "") -> re.Pattern:
    """A whole message that is one of ``phrases`` (regex alternatives), with the words around it; ``then``: the
    request that may follow, as the group ``rest`` ("start over: a blue skirt")."""
    return re.compile(rf"^{_AROUND}(?:{'|'.join(phrases)}){then or _END}")


def _then(*joins: str) -> str:
    """What may end the intent before a request follows: punctuation, one of ``joins``, or the end."""
    return rf"(?:\s*[,.:;!-]+\s*(?:(?:{'|'.join(joins)})\s+)?|\s+(?:{'|'.join(joins)})\s+|\s*$)(?P<rest>.*)$"


_GREET = _whole(r"(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening)|greetings)"
                r"(?:\s+(?:there|all|everyone|chatlens))?")
_HELP = _whole("help", "help me", "i need help", "what can you do", "what do you do", r"how does (?:this|it) work",
               r"how do i (?:use this|search|start)", "what is this", "what are you", "who are you",
               r"what should i (?:say|type|do)", r"what can i (?:say|ask|type|do)", "instructions", "how to use",
               "usage")
_RECAP = _whole(r"what (?:did|do|have) you (?:understand|understood|get|got|know|think i want|have so far)",
                "what (?:have|do) you got", "what do you know", r"what(?:'s| is| are) (?:my|the) (?:search|filters?|query)",
                r"why (?:these|those|this|that)(?: results?| ones?| one| items?)?",
                r"why did you show (?:these|those|this|that)", r"what are you (?:searching|looking) for", "where are we",
                "recap", "summary", "summari[sz]e", r"show (?:my|the) filters", then=rf"(?: so far)?{_END}")
_THANKS = _whole(r"(?:thanks|thank you|thx|ty|cheers|much appreciated|great|cool|nice|awesome|perfect)"
                 r"(?:\s+(?:a lot|so much|very much))?")
_RESTART = _whole(r"(?:let's |lets |can we |could we |i want to |i'd like to )?"
                  r"(?:start (?:over|again|afresh|from scratch|a new search|fresh)|new search|"
                  r"reset(?: everything| the search)?|clear (?:everything|all|the search)|begin again|from scratch|"
                  r"restart)(?:\s+please)?", then=_then("with", "for", "in"))
_UNDO = _whole(r"undo(?: that| the last (?:one|step|turn|change))?", r"go back(?: one step| a step)?", "step back",
               r"take (?:that|it) back", r"revert(?: that)?", "scratch that", r"forget (?:that|what i just said)",
               then=_then("and", "i meant", "i mean"))
_REDO = _whole(r"redo(?: that| it| please)?", r"undo (?:the|that|my) undo", r"(?:bring|put) (?:it|that) back",
               r"un[\s-]?undo(?: that| it)?", then=_then("and", "i meant", "i mean"))
_NONE = _whole(r"(?:(?:no|nope|nah|nah+|hmm+)[,.!]*\s+)?(?:none of (?:these|those|them|the above|the results)|not (?:any of )?(?:these|those)|"
               r"nothing (?:here|like (?:it|that))|wrong ones|all wrong)"
               r"(?:\s+(?:are|is)\s+(?:it|right|good|close))?", then=_then("but", "just", "i want", "i need"))
# "neither": to "which is closer: result 3 or result 5?" both are wrong; to "long or short?" no preference (the
# parser's "doesn't matter"); with no question open, none of the shown results
_NEITHER = _whole(r"(?:(?:no|nope|nah|hmm+)[,.!]*\s+)?neither(?: of (?:them|these|those|the two))?(?: one)?(?: (?:is|are) (?:closer|close|right|it))?",
                  then=_then("but", "just", "i want", "i need"))
_MORE = _whole("next", r"(?:show|give) (?:me )?(?:some )?(?:more|others|other ones|the next ones)(?: results| options| ones)?",
               r"more(?: results| options| please)?", r"next(?: page| results| ones)",
               r"(?:any |some )?other (?:options|ones|results)", "anything else", r"what else (?:do you have|is there)")

# "what colours do you have?", "which patterns are there?", "what do you sell?": a question about the catalog's
# choices (``agents.options``); ``about`` holds its noun phrase, which the session reads as a facet (or, when it
# names none, "what shoes do you have?", as a request)
_HAVE = (r"(?:do|can|could) you (?:have|offer|sell|carry|stock|show|do)|have you got|are there|is there|"
         r"are (?:available|on offer|there to choose from)|can i (?:choose|pick|get|ask for|say)|"
         r"does (?:the|this|your) (?:catalog|catalogue|shop|store|site) (?:have|offer|sell|carry)|"
         r"(?:is|are) in (?:the|this|your) (?:catalog|catalogue|shop|store)")
_OPTIONS = _whole(rf"(?:so )?(?:what|which)(?: (?:other|different|sorts? of|kinds? of|types? of))* ?(?P<about>[a-z -]*?)"
                  rf"(?: options)? (?:{_HAVE})(?: (?:it|this|that|them|these|those) in)?"
                  rf"(?: (?:here|in (?:it|there)|to choose from|from|at all|for me))?",
                  r"what (?:are|is) (?:the|your|my) (?P<about2>[a-z -]+?) (?:options|choices)",
                  r"(?:show me|list|tell me) (?:the|your|all the|all your) (?P<about3>[a-z -]+?) (?:options|choices|you have)")

INTENTS = {"restart": _RESTART, "redo": _REDO, "undo": _UNDO, "none": _NONE, "neither": _NEITHER, "more": _MORE, "help": _HELP,
           "recap": _RECAP, "greet": _GREET, "thanks": _THANKS, "options": _OPTIONS}
TALK = ("help", "recap", "greet", "thanks")  # answered in words; nothing searched or remembered


@dataclass(frozen=True)
class Intent:
    name: str  # one of INTENTS
    rest: str = ""  # "start over: a blue skirt" -> "a blue skirt", the request that follows
    about: str = ""  # "what colours do you have?" -> "colours", what an "options" question asks about


def intent_of(text: str) -> Intent | None:
    """The intent a whole message states, or None when it describes something (or says nothing we know)."""
    t = normalise(clean(text)).strip()
    if not t:
        return None
    for name, rx in INTENTS.items():
        if m := rx.match(t):
            rest = (m.group("rest") or "").strip() if "rest" in rx.groupindex else ""  # the request after it
            about = next((m.group(g) for g in ("about", "about2", "about3") if g in rx.groupindex and m.group(g)), "")
            return Intent(name, rest, (about or "").strip())
    return None
