"""The duplicate detector against the labelled set (pairs.tsv, docs/similar.md): precision and
recall at the threshold, on the whole set and on the held-out half (even groups) the vocabulary
and threshold were not tuned on."""

from pathlib import Path

import pytest

from outsourcer.lib.similarity import DUPLICATE_AT, profile, score

PAIRS = Path(__file__).with_name("pairs.tsv")


def _side(text: str):
    title, _, brief = text.partition(" :: ")
    return profile(title, brief)


def _pairs() -> list[tuple[int, bool, str, float]]:
    rows = []
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, label, kind, a, b = line.split("\t")
        rows.append((int(group), label == "1", kind, score(_side(a), _side(b))))
    return rows


def _figures(rows) -> tuple[float, float]:
    found = [duplicate for _, duplicate, _, similarity in rows if similarity >= DUPLICATE_AT]
    true_positives = sum(found)
    precision = true_positives / len(found) if found else 0.0
    recall = true_positives / sum(duplicate for _, duplicate, _, _ in rows)
    return precision, recall


def test_it_has_enough_varied_pairs():
    rows = _pairs()
    assert len(rows) >= 150
    kinds = {kind for _, _, kind, _ in rows}
    assert {"para", "terse", "typo", "product", "period", "audience"} <= kinds
    assert 0.3 < sum(duplicate for _, duplicate, _, _ in rows) / len(rows) < 0.7


@pytest.mark.parametrize("half", ["all", "held_out"])
def test_it_finds_duplicates_with_precision_and_recall_of_90_percent(half):
    rows = [row for row in _pairs() if half == "all" or row[0] % 2 == 0]
    precision, recall = _figures(rows)
    assert precision >= 0.9, precision
    assert recall >= 0.9, recall


def test_it_scores_a_pair_the_same_both_ways():
    for line in PAIRS.read_text(encoding="utf-8").splitlines()[3:40]:
        if line.startswith("#"):
            continue
        _, _, _, a, b = line.split("\t")
        assert score(_side(a), _side(b)) == score(_side(b), _side(a))
