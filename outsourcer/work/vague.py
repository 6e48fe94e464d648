"""Vague phrases in a brief: "ASAP", "etc.", "make it pop", … — but not inside a link, an e-mail
address or a quoted name ("the “ASAP Rocky” poster", 'the "Etc. Coffee" brand').

A word list alone would flag product names and URLs, so before matching, links, addresses and
quoted names are blanked out (replaced by spaces, so positions stay put). A quoted span counts as
a name when it is short and every word in it is capitalized (or a number); a quoted sentence
("the client said “we need it ASAP”") is still read.
"""

import re
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class VagueKind:
    key: str
    why: str  # completes "… is vague: …"
    suggestion: str
    phrases: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern:
        # Word-bounded and case-insensitive; a space in a phrase matches any run of spaces or
        # hyphens ("as-needed", "make it  pop"); the longest phrase wins ("whatever works").
        longest_first = sorted(self.phrases, key=len, reverse=True)
        alternatives = "|".join(r"[\s\-]+".join(map(re.escape, phrase.split())) for phrase in longest_first)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _phrases(*phrases: str) -> tuple[str, ...]:
    return phrases


KINDS = (
    VagueKind(
        "when",
        "it does not say when.",
        "Give a date and time in the deadline field, and say why it matters if it does.",
        _phrases(
            "asap", "a.s.a.p.", "a.s.a.p", "as soon as possible", "when you can", "when you get a chance",
            "at some point", "sometime soon", "soonish", "no rush but soon",
        ),
    ),
    VagueKind(
        "list",
        "it leaves the rest of the list to guesswork.",
        "List every item the contractor should cover; say “only these” if that is what you mean.",
        _phrases("etc.", "etc", "and so on", "and so forth", "and stuff like that", "stuff like that"),
    ),
    VagueKind(
        "like",
        "it does not say what exactly.",
        "Describe exactly what you want, or link an example and say what you like about it.",
        _phrases("something like", "or something", "something similar", "something along those lines"),
    ),
    VagueKind(
        "taste",
        "nobody can check it.",
        "Say what should change and how you will judge it: colours, sizes, contrast, a reference you like.",
        _phrases(
            "make it pop", "pop more", "more pop", "jazz it up", "spice it up", "wow factor", "make it nicer",
            "look nicer", "look better", "more modern", "more professional", "make it sexy",
        ),
    ),
    VagueKind(
        "amount",
        "it does not say how much or when.",
        "Say which cases and how many: “up to 3 rounds of changes”, “every Monday”.",
        _phrases("as needed", "as necessary", "as appropriate", "where appropriate", "as and when"),
    ),
    VagueKind(
        "choice",
        "it leaves a decision open that the contractor cannot make for you.",
        "State the choice, or the limits within which the contractor may choose.",
        _phrases("whatever", "whatever works", "whatever you think", "tbd", "tbc", "to be decided", "to be confirmed"),
    ),
    VagueKind(
        "stuff",
        "it does not name the things.",
        "Name each thing: which pages, which files, which posts.",
        _phrases("some stuff", "the stuff", "and stuff", "various things", "bits and pieces"),
    ),
    VagueKind(
        "tweak",
        "it hides how much work it is.",
        "List each change and where it goes, so the contractor can estimate it.",
        _phrases(
            "quick tweak", "quick tweaks", "quick fix", "quick fixes", "minor tweaks", "small tweaks",
            "a few tweaks", "just a tweak", "quick change", "quick changes", "small changes", "minor changes",
        ),
    ),
    VagueKind(
        "mind",
        "the contractor cannot read your mind.",
        "Spell it out, or link the earlier work you mean.",
        _phrases("you know what i mean", "the usual", "like last time", "same as before"),
    ),
)  # fmt: skip

# Links and addresses: "https://etc.example/asap", "www.asap.io", "asap.example.com/x", "etc@x.io".
_LINK = re.compile(
    r"(?:https?|ftp)://\S+"
    r"|www\.\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.@-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b(?:/\S*)?",
    re.IGNORECASE,
)
# Quoted spans on one line: “…”, „…“, ‘…’, «…», "…", and '…' when the quotes are not apostrophes.
_QUOTED = re.compile(
    r"“([^“”\n]{1,120})”|„([^„“”\n]{1,120})[“”]|‘([^‘’\n]{1,120})’|«([^«»\n]{1,120})»|‹([^‹›\n]{1,120})›"
    r"|\"([^\"\n]{1,120})\"|(?<!\w)'([^'\n]{1,120})'(?!\w)"
)
_NAME_WORDS = 8
# Small words a capitalized name may keep in lower case ("Pride and Prejudice", "Café de la Paix").
_SMALL = frozenset("a an and at by de del der des di du for in la le of on or the to und van von y".split())


def _is_name(quoted: str) -> bool:
    words = re.findall(r"[^\s]+", quoted)
    if not words or len(words) > _NAME_WORDS:
        return False
    for word in words:
        first = next((char for char in word if char.isalnum()), "")
        if not first:
            continue  # "&", "–"
        if not (first.isupper() or first.isdigit() or word.lower().strip(".,") in _SMALL):
            return False
    return True


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _readable(text: str) -> str:
    """The text with links, addresses and quoted names blanked out, the same length."""
    for match in _LINK.finditer(text):
        text = _blank(text, match.start(), match.end())
    for match in _QUOTED.finditer(text):
        inner = next(group for group in match.groups() if group is not None)
        if _is_name(inner):
            text = _blank(text, match.start(), match.end())
    return text


@dataclass(frozen=True)
class VaguePhrase:
    kind: VagueKind
    phrase: str  # as written ("ASAP", "etc.")


def vague_phrases(text: str) -> list[VaguePhrase]:
    """Every vague phrase in `text` in the order written, except inside links, addresses and quoted names."""
    readable = _readable(text or "")
    found = [
        (match.start(), VaguePhrase(kind, text[match.start() : match.end()]))
        for kind in KINDS
        for match in kind.pattern.finditer(readable)
    ]
    return [phrase for _, phrase in sorted(found, key=lambda pair: pair[0])]
