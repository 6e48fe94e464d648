import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outsourcer.lib.csv_files import BOM, FORMULA_STARTS, csv_lines, csv_response, csv_safe, csv_unsafe


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"])
def test_a_formula_like_cell_is_quoted(text):
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize(("value", "text"), [("plain", "plain"), ("", ""), (None, ""), (12, "12"), ("a=b", "a=b")])
def test_other_cells_stay_as_they_are(value, text):
    assert csv_safe(value) == text


@given(st.text(max_size=20))
def test_the_guard_round_trips_and_never_leaves_a_formula(text):
    safe = csv_safe(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert csv_unsafe(safe) == text or (text.startswith("'") and text[1:2] in FORMULA_STARTS)


@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_characters="\r\x00"), max_size=8), max_size=4)))
def test_lines_parse_back_into_the_rows(rows):
    parsed = list(csv.reader(io.StringIO("".join(csv_lines(rows)))))
    assert parsed == [row for row in rows]


def test_a_download_streams_with_a_byte_order_mark_and_a_filename():
    response = csv_response([["a", "b"], ["1", "2"]], filename="x.csv")
    body = b"".join(response.streaming_content).decode()
    assert body == BOM + "a,b\r\n1,2\r\n"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    plain = csv_response([["a"]], filename="y.csv", bom=False)
    assert b"".join(plain.streaming_content).decode() == "a\r\n"
