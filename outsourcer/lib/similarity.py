"""How alike two pieces of work are, from their titles and briefs (docs/similar.md). Pure: no
database. `profile` turns a title and brief into weighted concepts once; `profile_dump` and
`profile_load` keep it beside a stored document so it is never made again from the text;
`index_keys` gives the keys a database index stores for it; `score` compares two profiles (0–1)."""

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from outsourcer.lib import similarity_words
from outsourcer.lib.similarity_words import (
    AUDIENCES,
    COMPOUNDS,
    GENERIC,
    LANGUAGES,
    MONTHS,
    NUMBER_WORDS,
    PERIODS,
    PLATFORMS,
    STOPWORDS,
    SYNONYMS,
)

# At or above this a pair is the same work (chosen on the dev half of the labelled set, docs/similar.md).
DUPLICATE_AT = 0.62

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
_VOWELS = set("aeiouy")

# Words that pin the work to one thing: a period, a language, a platform, an audience, a name.
# Two briefs that each name a different one of the same kind are different work.
_KINDS: dict[str, frozenset[str]] = {
    "month": MONTHS,
    "period": PERIODS,
    "language": LANGUAGES,
    "platform": PLATFORMS,
    "audience": AUDIENCES,
}


def stem(word: str) -> str:
    """A light English stem: enough to meet plurals and -ing/-ed forms, not a linguist's."""
    if len(word) <= 3 or word.isdigit() or kind_of(word):
        return word
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, keep, shortest in (("ies", "y", 3), ("sses", "ss", 3), ("ing", "", 4), ("ed", "", 4), ("es", "", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            base = word[: -len(suffix)] + keep
            if suffix == "es" and not base.endswith(("sh", "ch", "x", "z", "ss", "o")):
                base = word[:-1]
            if suffix in ("ing", "ed") and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]
            return base
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "news")) and len(word) > 3:
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _concepts() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYMS:
        words = group.split()
        head = stem(words[0])
        for word in words:
            table[stem(word)] = head
    return table


@lru_cache(maxsize=65536)
def concept(word: str) -> str:
    word = NUMBER_WORDS.get(word, word)
    stemmed = stem(word)
    return _concepts().get(stemmed, stemmed)


def skeleton(word: str) -> str:
    """First letter and the set of consonants: most one-letter typos keep it ("instagarm", "prodcut")."""
    return word[0] + "".join(sorted(set(word[1:]) - _VOWELS))


def weight(key: str) -> float:
    if key in GENERIC:
        return 0.4
    if key.isdigit() or kind_of(key):
        return 1.5
    return 1.0


@lru_cache(maxsize=65536)
def kind_of(key: str) -> str:
    for name, words in _KINDS.items():
        if key in words:
            return name
    if re.fullmatch(r"(19|20)\d\d", key):
        return "year"
    if re.fullmatch(r"q[1-4]", key):
        return "quarter"
    return ""


def _words(text: str) -> list[tuple[str, bool]]:
    """(lower-case word, capitalised inside the text) pairs, compounds joined ("web shop" → "webshop")."""
    raw = [(m.group(0), m.start()) for m in _WORD.finditer(text.replace("’", "'"))]
    words: list[tuple[str, bool]] = []
    for index, (word, start) in enumerate(raw):
        lower = word.lower()
        first = index == 0 or text[max(0, start - 3) : start].strip()[-1:] in (".", ":", "!", "?")
        capital = word[:1].isupper() and not first and not word.isupper()
        if words and (words[-1][0] + " " + lower) in COMPOUNDS:
            words[-1] = (COMPOUNDS[words[-1][0] + " " + lower], words[-1][1])
            continue
        words.append((lower, capital))
    return words


@dataclass(frozen=True)
class Profile:
    title: dict[str, float] = field(default_factory=dict)
    body: dict[str, float] = field(default_factory=dict)
    names: frozenset[str] = frozenset()
    # key → the words written for it, for typo matching before stemming ("tets" ~ "tests").
    surface: dict[str, frozenset[str]] = field(default_factory=dict)
    # key → its words' one-deletion variants, and every variant of the text (see `_variants`).
    variants: dict[str, frozenset[str]] = field(default_factory=dict)
    every_variant: frozenset[str] = frozenset()


def _keys(text: str) -> tuple[dict[str, float], set[str], dict[str, set[str]]]:
    keys: dict[str, float] = {}
    names: set[str] = set()
    surface: dict[str, set[str]] = {}
    for word, capital in _words(text):
        if word in STOPWORDS:
            continue
        key = concept(word)
        if key in STOPWORDS:
            continue
        keys[key] = weight(key)
        surface.setdefault(key, set()).add(word)
        if capital and not kind_of(key) and key not in _concepts().values():
            names.add(key)
    return keys, names, surface


@lru_cache(maxsize=65536)
def _variants(word: str) -> frozenset[str]:
    """The word and its one-deletion variants past the first letter: two words share one exactly
    when they are one edit apart (a letter missing, extra or changed, or two neighbours swapped),
    give or take a rare second edit. Three-letter words meet only by a swap ("dya" ~ "day")."""
    if len(word) < 3 or word.isdigit() or kind_of(word) in ("year", "quarter"):
        return frozenset()
    if len(word) == 3:
        return frozenset({f"3:{word[0]}{''.join(sorted(word[1:]))}"})
    return frozenset({word} | {word[:i] + word[i + 1 :] for i in range(1, len(word))})


def _assembled(title: list[str], body: list[str], names, surface: dict[str, frozenset[str]]) -> Profile:
    variants = {key: frozenset().union(*map(_variants, surface[key])) for key in body}
    return Profile(
        title={key: weight(key) for key in title},
        body={key: weight(key) for key in body},
        names=frozenset(names),
        surface=surface,
        variants=variants,
        every_variant=frozenset().union(*variants.values()),
    )


def profile(title: str, brief: str = "") -> Profile:
    title_keys, names, surface = _keys(title)
    body_keys, _, body_surface = _keys(brief)
    every = {**body_keys, **title_keys}
    words = {key: frozenset(surface.get(key, set()) | body_surface.get(key, set()) | {key}) for key in every}
    return _assembled(list(title_keys), list(every), names, words)


# Raise when `profile` reads text differently or `index_keys` derives other keys (the vocabulary
# is fingerprinted by itself): a stored profile of another version is made again from the text
# (`profile_load` answers None), and the index service rewrites such an entry's postings.
_PROFILE_CODE = 1


@lru_cache(maxsize=1)
def profile_version() -> str:
    """Changes with the tokeniser's code version and with any word of the vocabulary."""
    vocabulary = {
        name: sorted(value) if isinstance(value, frozenset) else value
        for name, value in vars(similarity_words).items()
        if name.isupper()
    }
    digest = hashlib.sha256(repr(sorted(vocabulary.items())).encode()).hexdigest()[:12]
    return f"{_PROFILE_CODE}-{digest}"


def profile_dump(item: Profile) -> dict:
    """`item` as JSON data, keys in lists so that their order survives any JSON store."""
    return {
        "version": profile_version(),
        "title": list(item.title),
        "body": list(item.body),
        "names": sorted(item.names),
        # Only the words written otherwise than their concept ("pictures" for photo); the rest is the key.
        "words": {key: sorted(words - {key}) for key, words in item.surface.items() if words - {key}},
    }


def profile_load(data) -> Profile | None:
    """The profile `profile_dump` wrote, or None when it is missing or of another version."""
    if not isinstance(data, dict) or data.get("version") != profile_version():
        return None
    written = data["words"]
    surface = {key: frozenset(written.get(key, ())).union((key,)) for key in data["body"]}
    return _assembled(data["title"], data["body"], data["names"], surface)


def _pairs(keys: list[str]) -> list[str]:
    """Pairs of title concepts ("p:caption+instagram"): far rarer than either word, so a check
    finds the documents that share two of them without reading every posting of a common word."""
    head = sorted(key for key in keys if not key.isdigit())[:6]
    return [f"p:{a}+{b}"[:40] for index, a in enumerate(head) for b in head[index + 1 :]]


def _skeletons(item: Profile, keys) -> list[str]:
    # Of each concept and of each word written for it: "subtitel" meets "subtitle" (concept caption).
    words = (word for key in keys for word in (key, *sorted(stem(w) for w in item.surface.get(key, ()))))
    return [f"s:{skeleton(word)}"[:40] for word in words if len(word) >= 4 and not word.isdigit()]


def index_keys(item: Profile, *, brief_limit: int = 40) -> list[str]:
    """What a database index stores for `item`: every concept ("w:photo"), for title words the
    typo-tolerant skeleton ("s:pht", also of the words written for the concept: "s:pctr"), and
    pairs of title concepts ("p:photo+shop"). Brief concepts are capped: the title carries the work."""
    keys = [f"w:{key}"[:40] for key in item.title]
    keys += _skeletons(item, item.title)
    keys += _pairs(list(item.title))
    extra = [key for key in item.body if key not in item.title][:brief_limit]
    keys += [f"w:{key}"[:40] for key in extra]
    return list(dict.fromkeys(keys))


def key_weight(key: str) -> float:
    """What a shared index key says of two texts: its concepts' weights (a pair's multiplied), so
    "p:june+newsletter" says more than "p:june+write"; a skeleton 1."""
    kind, _, rest = key.partition(":")
    if kind == "p":
        first, _, second = rest.partition("+")
        return weight(first) * weight(second)
    return weight(rest) if kind == "w" else 1.0


def query_keys(item: Profile) -> list[str]:
    """The keys to look up for `item`, the likeliest to be rare first: its title's concept pairs,
    its concepts and the skeletons of all its words, the title's before the brief's."""
    words = [*item.title, *(key for key in item.body if key not in item.title)]
    keys = _pairs(list(item.title))
    keys += [f"w:{key}"[:40] for key in words]
    keys += _skeletons(item, words)
    return list(dict.fromkeys(keys))


def _match(key: str, a: Profile, b: Profile) -> bool:
    if key in b.body:
        return True
    if key.isdigit() or kind_of(key) in ("year", "quarter"):
        return False
    return not a.variants.get(key, frozenset()).isdisjoint(b.every_variant)


def _coverage(a: Profile, b: Profile) -> tuple[float, list[str]]:
    total = sum(a.title.values())
    if not total:
        return 0.0, []
    missing = [key for key in a.title if not _match(key, a, b)]
    return 1 - sum(a.title[key] for key in missing) / total, missing


def _conflict(a: Profile, b: Profile, missing_a: list[str], missing_b: list[str]) -> bool:
    """Each side names its own period, language, platform, audience or name, which the other lacks."""
    kinds_a = {kind_of(key) for key in missing_a} - {""}
    kinds_b = {kind_of(key) for key in missing_b} - {""}
    if kinds_a & kinds_b:
        return True
    names_a = {key for key in a.names if key in missing_a}
    names_b = {key for key in b.names if key in missing_b}
    return bool(names_a and names_b)


PENALTY = 0.75


def _own_thing(item: Profile, missing: list[str]) -> bool:
    return any(item.title[key] >= 1 for key in missing)


def score(a: Profile, b: Profile) -> float:
    """0–1: how much of each title the other piece of work covers, with a share for the briefs'
    overlap; a clash of periods, languages, platforms, audiences or names halves it."""
    if not a.title or not b.title:
        return 0.0
    cover_a, missing_a = _coverage(a, b)
    cover_b, missing_b = _coverage(b, a)
    shared = sum(min(a.body[k], b.body[k]) for k in a.body.keys() & b.body.keys())
    union = sum(a.body.values()) + sum(b.body.values()) - shared
    overlap = shared / union if union else 0.0
    value = 0.8 * (cover_a + cover_b) / 2 + 0.2 * min(1.0, overlap * 2)
    if _conflict(a, b, missing_a, missing_b):
        value *= 0.5
    elif _own_thing(a, missing_a) and _own_thing(b, missing_b):
        # Both titles name a thing the other never mentions: the same kind of work on other things.
        value *= PENALTY
    return round(max(0.0, min(1.0, value)), 4)
