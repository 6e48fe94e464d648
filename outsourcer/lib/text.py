"""Small text helpers shared by forms and API schemas."""

import re

NUL_FREE = r"^[^\x00]*$"
_NUL = re.compile("\x00")


def has_nul(value: str) -> bool:
    return bool(_NUL.search(value or ""))


def normalize_skills(raw: str | list[str]) -> str:
    """Skills as one lower-case, comma-separated string without duplicates: "design, photo"."""
    items = raw if isinstance(raw, list) else (raw or "").split(",")
    seen: list[str] = []
    for item in items:
        skill = " ".join(str(item).strip().lower().split())
        if skill and skill not in seen:
            seen.append(skill)
    return ", ".join(seen)


def one_line_excerpt(text: str, size: int) -> str:
    """The text on one line (runs of white space as one space), cut to `size` characters with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= size else line[: size - 1] + "…"
