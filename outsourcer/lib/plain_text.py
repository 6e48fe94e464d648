"""Control characters out of user text: one helper for forms (NulFreeMixin) and API schemas (Text).

A name is one line of visible text. CR/LF in a member's name breaks the headers of the e-mail it
goes into; bidi controls (U+202A–U+202E, U+2066–U+2069) make "Ads‮ gpj.exe" read backwards on every
page that shows it. Single-line fields lose every control and format character (Unicode Cc, Cf,
and the line/paragraph separators Zl, Zp); line breaks and tabs become spaces. Multi-line fields
keep line breaks and tabs and lose the rest. NUL is left for the callers, which refuse it with a
message (PostgreSQL cannot store it).
"""

import unicodedata

_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_SPACED = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_KEPT_IN_MULTILINE = frozenset("\t\n\r")


def strip_controls(value: str, *, multiline: bool = False) -> str:
    """`value` without control and format characters (see the module docstring); NUL is kept."""
    if value.isprintable() and "\x00" not in value:
        return value  # the common case, without a per-character loop
    out = []
    for char in value:
        if char == "\x00" or (multiline and char in _KEPT_IN_MULTILINE):
            out.append(char)
        elif char in _SPACED:
            out.append(" ")
        elif unicodedata.category(char) not in _REMOVED_CATEGORIES:
            out.append(char)
    return "".join(out)


def strip_controls_multiline(value: str) -> str:
    return strip_controls(value, multiline=True)
