"""Read GCIDE, the GNU Collaborative International Dictionary of English, from its dictd files.

Debian's ``dict-gcide`` installs ``/usr/share/dictd/gcide.index`` (lines ``headword<TAB>offset<TAB>length``,
numbers in dictd's base-64 alphabet) and ``gcide.dict.dz`` (dictzip, which Python's gzip reads). An entry is
a block of text: a header ("Bolero \\Bo*le"ro\\, n. [Sp.] (Mus.)") and senses, numbered ("1. …", "(a) …") or
not, with quotations, citations ("--Shak.") and source marks ("[1913 Webster]") between them. This module
turns a headword into its entries' parts of speech and senses' first sentences, and nothing more: what a
definition says is read by ``compile_gcide.py``. Build time only.

Senses marked obsolete or archaic ("1. White. [Obs.]" of Candid; every sense of an entry whose header says
"[Obs.]") are left out where the entry has a sense in use today: a word typed today means what it means today,
and "a candid photo" is no white one (review, round 25). An entry all of whose senses are dated ("Trossers",
"Cerule") is a historian's word, typed by someone who means its old sense, so those senses stay.
Usage examples ("; as, a belted plaid") and quoted phrases inside a definition are cut from its sentence: they
show the word in use, they do not say what it is ("Pallid: … pale; wan; as, a pallid countenance").
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

SOURCE = Path("/usr/share/dictd")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

# "Drab \Drab\, a." / "Bister \Bis"ter\, Bistre \Bis"tre\, n. [F. …]": the part of speech after the
# pronunciations (n., a., v. t., adv., …), the first one written.
_POS = re.compile(r"\\[^\\]*\\(?:\s*\([^)]*\))?,\s*(n|a|adj|v\. t|v\. i|v|adv|prep|pron|conj|interj|p\. p|p\. a)\.")
DOMAIN = re.compile(r"\((?:[A-Z][a-z\u00f6]*\.\s*)+(?:&\s*[A-Z][a-z\u00f6]*\.)?\)\s*")  # "(Zool.)", "(Arch. & Her.)"
_SENSE = re.compile(r"^ {3}(?:(\d+)\.|\(([a-z])\))\s+")  # "   2. A kind of …", "   (a) An overcoat."
# "[Obs.]", "[Archaic]", "[Obs. or Prov. Eng.]", "[R. & Obs.]", "[Obsolescent]": a sense nobody means today.
DATED = re.compile(r"\[[^\]\[]{0,40}\b(?:Obs|Archaic|Obsolescent)\b[^\]\[]{0,40}\]")
_MARKS = re.compile(r"\[(?:[^\]]*(?:Webster|PJC|WordNet|Century|Obs|Colloq|Written|Prov|R\.|Archaic|Local)[^\]]*)\]")


def _number(text: str) -> int:
    n = 0
    for c in text:
        n = n * 64 + _B64.index(c)
    return n


@dataclass(frozen=True)
class Entry:
    headword: str  # as the index writes it: "Bolero"
    pos: str  # "n", "a", "v. t", … ("" when the header names none)
    senses: tuple[tuple[str, str], ...]  # (sense label: "2", "b" or "1" for an unnumbered entry, first sentence)
    dated: tuple[bool, ...] = ()  # per sense: marked obsolete or archaic
    plurals: tuple[str, ...] = ()  # the plurals the header states ("pl. E. {Ranunculuses}, L. {Ranunculi}")


def _index_lines(folder: Path) -> Iterator[tuple[str, int, int]]:
    """(headword as written, offset, length) for every line of dictd's index, the database's own entries too."""
    for line in (folder / "gcide.index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        yield head, _number(offset), _number(length)


def index(folder: Path = SOURCE) -> dict[str, list[tuple[str, int, int]]]:
    """Lower-case headword -> [(headword as written, offset, length)] in index order."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    for head, offset, length in _index_lines(folder):
        if not head.startswith("00-database"):
            out.setdefault(head.lower(), []).append((head, offset, length))
    return out


def text(folder: Path = SOURCE, size: int = -1) -> bytes:
    """The dictionary's text, or its first ``size`` bytes (the database's own entries come first)."""
    with gzip.open(folder / "gcide.dict.dz") as f:
        return f.read(size)


def _clean(sentence: str) -> str:
    sentence = _MARKS.sub(" ", sentence.replace("{", "").replace("}", ""))
    sentence = re.sub(r"--\s*[A-Z][^;]*$", " ", sentence)  # a trailing citation: "--Cowper."
    sentence = re.sub(r"\[[^\]]*\]", " ", sentence)  # other bracketed notes ("[Sp.]", "[Obs.]")
    sentence = re.sub(r"[;,]\s*as,\s[^;.]*", " ", sentence)  # a usage example: "; as, a candid opinion"
    sentence = re.sub(r"\"[^\"]*\"?", " ", sentence)  # a quoted phrase ("[Sp.]" notes, whose \" is an accent, gone)
    return " ".join(sentence.split())


def _first_sentence(lines: list[str]) -> str:
    """The definition's first sentence: up to a full stop that ends it (quotations, indented 9 or more, skipped)."""
    body = " ".join(ln.strip() for ln in lines if ln.strip() and not ln.startswith(" " * 9))
    body = _clean(body)
    m = re.search(r"(?<![A-Z])(?<!\b[a-z])\.(?:\s|$)", body)
    return body[: m.start()] if m else body


def parse(headword: str, block: str) -> Entry | None:
    """One index entry's block as an Entry, or None when the block is another word's (a sub-entry, "{Calico
    bass}" inside "Calico", whose definition this reader does not separate)."""
    lines = block.splitlines()
    header_end = next((i for i, ln in enumerate(lines) if i and _header_done(lines[:i])), 1)
    while header_end < len(lines) and _plural_goes_on(lines[:header_end], lines[header_end]):
        # "Dahlia \\Dah"lia\\ (…), n.;" then "pl. {Dahlias}. [Named after …]": the plural is the header's too
        header_end = next((i for i in range(header_end + 1, len(lines) + 1) if _header_done(lines[:i])), len(lines))
    header = " ".join(lines[:header_end])
    first = header.split("\\")[0].strip().lower()
    if first != headword.lower() and f", {headword.lower()} \\" not in header.lower():
        return None
    m = _POS.search(header)
    pos = m.group(1) if m else ""
    senses: list[tuple[str, list[str]]] = []
    for ln in lines[header_end:]:
        if re.match(r"^ {3}\{", ln) or re.match(r"^ {3}(Note|Syn|Usage):", ln):
            senses.append(("", []))  # a sub-entry, a note or synonyms: not the headword's definition
            continue
        s = _SENSE.match(ln)
        if s:
            senses.append((s.group(1) or s.group(2), [ln[s.end():]]))
        elif senses:
            senses[-1][1].append(ln)
        elif ln.strip():
            senses.append(("1", [ln]))
    dated = DATED.search(header) is not None  # "Xxx \Xxx\, n. [Obs.]": every sense of the entry
    out = [(label, _first_sentence(body), dated or bool(DATED.search(" ".join(ln for ln in body if ln[:9].strip()))))
           for label, body in senses if label and body]
    # A domain label ("(Zool.)", "(Her.)") of the header or the sense stays at the sentence's start.
    domain = " ".join(DOMAIN.findall(header.split("]")[-1]))
    out = [(label, f"{domain} {s}".strip() if domain and not DOMAIN.match(s) else s, d) for label, s, d in out]
    out = [sense for sense in out if DOMAIN.sub("", sense[1]).strip()]
    # Before the etymology in brackets; accent codes ("d[aum]l") are no brackets ("Vervain … [… L. verbena, pl.]").
    plural = re.search(r"\bpl\.\s+([^\[]*)", re.sub(r"\[[^\]\s]{1,6}\]", "#", header).split(" [")[0])
    plurals = tuple(w.lower() for w in re.findall(r"\{([A-Za-z-]+)\}", plural.group(1))) if plural else ()
    return Entry(headword, pos, tuple((label, s) for label, s, _ in out), tuple(d for _, _, d in out), plurals)


def _plural_goes_on(header: list[str], line: str) -> bool:
    """Whether a line after a complete header still belongs to it: the plural ("pl. {Dahlias}") on its own line, or
    after it the plural's pronunciation or another language's plural ("(p[=e]"…)", "L. {Ranunculi} (…)"), never a
    numbered or lettered sense."""
    if _SENSE.match(line):
        return False
    line = line.strip()
    return line.startswith("pl.") or ("pl." in " ".join(header) and bool(re.match(r"\(|[A-Z][a-z]*\.\s+\{", line)))


def _header_done(lines: list[str]) -> bool:
    """Whether the header (pronunciation, part of speech, etymology in brackets, domain) ends with these lines."""
    joined = " ".join(lines)
    return joined.count("[") <= joined.count("]") and joined.count("\\") % 2 == 0 and joined.count("\\") >= 2


def current(found: list[Entry]) -> list[Entry]:
    """A headword's entries without their dated senses, where the entry has a sense in use today ("Candid":
    "White. [Obs.]" goes, "Free from undue bias" stays); an entry all of whose senses are dated keeps them (a
    homograph is another word: "Scrip", a bag, is archaic, "Scrip", a certificate, is not)."""
    return [e if all(e.dated) else replace(e, senses=tuple(s for s, d in zip(e.senses, e.dated) if not d),
                                           dated=tuple(d for d in e.dated if not d)) for e in found]


def entries(folder: Path = SOURCE) -> Iterator[tuple[str, list[Entry]]]:
    """(lower-case headword, its entries in index order) for every headword of the dictionary, sorted."""
    data = text(folder)
    for key, places in sorted(index(folder).items()):
        found = [parse(head, data[o : o + n].decode("utf-8", "replace")) for head, o, n in places]
        found = current([e for e in found if e is not None])
        if found:
            yield key, found


def version(folder: Path = SOURCE) -> str:
    """The dictionary's version, from the database description ("0.48"), reading only the text up to it."""
    o, n = next(((o, n) for head, o, n in _index_lines(folder) if head == "00-database-info"), (0, 0))
    m = re.search(r"Version\s+([\d.]+)", text(folder, o + n)[o : o + n].decode("utf-8", "replace"))
    return m.group(1) if m else ""
