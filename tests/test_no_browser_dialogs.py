"""Confirmations are asked in the page (templates/includes/confirm_form.html), never with the
browser's own dialogs: they block the page, cannot be styled or read back, and hide what is
being confirmed."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIALOG = re.compile(r"\b(confirm|alert|prompt)\s*\(|hx-confirm|hx-prompt|data-confirm")


def test_no_template_or_script_opens_a_browser_dialog():
    files = [*ROOT.joinpath("templates").rglob("*.html"), *ROOT.joinpath("static", "js").rglob("*.js")]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if DIALOG.search(line)
    ]
    assert files and found == []
