"""What a typed message is before it is read: letters and words, without what a terminal or a page added.

Markup (HTML tags, entities, Markdown emphasis), terminal escape codes, control and invisible
characters (zero-width spaces, right-to-left marks) and emoji are removed before parsing, so none of them
can become a wish; compatibility forms are folded (NFKC: full-width letters, ligatures) and accents dropped.
"""

from __future__ import annotations

import html
import re
import unicodedata

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>|<!--.*?-->", re.S)
_MARKDOWN = re.compile(r"[*_`~>|\[\]{}\\^]+")


def clean(text: str) -> str:
    """The message with markup, escape codes, invisible characters and emoji replaced by spaces."""
    text = _ANSI.sub(" ", text)
    text = html.unescape(_TAG.sub(" ", text))
    text = unicodedata.normalize("NFKC", text)
    # Accents off ("rosé" -> rose, "café" -> cafe): the vocabulary is unaccented English, and the tokenizer
    # would otherwise cut the word at the accented letter.
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if unicodedata.category(ch) != "Mn")
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":  # zero-width and direction marks: inside a word they must not split it
            continue
        out.append(" " if cat in ("Cc", "Co", "Cs", "Cn", "So", "Sk") and ch not in "\n\t" else ch)
    return re.sub(r"\s+", " ", _MARKDOWN.sub(" ", "".join(out))).strip()


def normalise(text: str) -> str:
    """Lower case, hyphens and underscores as spaces, British and American spellings alike."""
    text = text.lower().replace("-", " ").replace("_", " ").replace("’", "'")
    return re.sub(r"\bcolor", "colour", text)


def blank_span(text: str, start: int, end: int) -> str:
    """``text`` with ``text[start:end]`` replaced by as many spaces: a reading takes its words, and every later
    reader still finds the rest at the same positions."""
    return text[:start] + " " * (end - start) + text[end:]


def blank(text: str, m: re.Match, end: int | None = None) -> str:
    """``text`` with the match's words (or from its start to ``end``) replaced by as many spaces."""
    return blank_span(text, m.start(), m.end() if end is None else end)


def blank_all(text: str, rx: re.Pattern) -> str:
    """``text`` with every match of ``rx`` blanked."""
    return rx.sub(lambda m: " " * len(m.group()), text)
