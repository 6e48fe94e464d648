"""Property tests over parse_amount: what the app and people write reads back as the amount meant."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from outsourcer.lib.currencies import minor_unit_exponent
from outsourcer.lib.money import MoneyError, amount_text, format_money, parse_amount, to_decimal

CURRENCIES = st.sampled_from(["EUR", "USD", "JPY", "KRW", "KWD", "BHD", "SEK"])
CENTS = st.integers(min_value=-(10**12), max_value=10**12)


def written(cents: int, currency: str, *, group: str, decimal: str, decimals: bool = True) -> str:
    """The amount as a person in one locale would write it ("1.250,00", "1 250,00", "1,250")."""
    value = abs(to_decimal(cents, currency))
    places = len(str(value).partition(".")[2]) if decimals else 0
    text = f"{value:,.{places}f}" if decimals else f"{int(value):,}"
    text = text.replace(",", "\0").replace(".", decimal).replace("\0", group)
    return ("-" if cents < 0 else "") + text


def reading(text: str, currency: str) -> int | None:
    try:
        return parse_amount(text, currency)
    except MoneyError:
        return None


@given(CENTS, CURRENCIES)
def test_the_apps_own_texts_read_back_exactly(cents, currency):
    assert parse_amount(amount_text(cents, currency), currency) == cents
    shown = format_money(abs(cents), currency).replace(currency, "").strip().lstrip("€$£¥₹")
    assert parse_amount(shown, currency) == abs(cents)


@given(CENTS, CURRENCIES, st.sampled_from([(",", "."), (".", ","), (" ", ","), (" ", "."), ("\u00a0", ",")]))
def test_grouped_amounts_with_their_decimals_read_back(cents, currency, style):
    group, decimal = style
    text = written(cents, currency, group=group, decimal=decimal)
    if decimal == "," and group not in text and minor_unit_exponent(currency) == 3:
        # "1,234" dinars could be 1234 or 1.234: refused, both readings offered.
        assert reading(text, currency) in ((None,) if abs(cents) >= 1000 else (None, cents))
    else:
        assert reading(text, currency) == cents


@given(CENTS, CURRENCIES, st.sampled_from([(",", "."), (".", ","), (" ", ",")]), st.booleans())
def test_every_accepted_text_means_the_amount_written(cents, currency, style, decimals):
    # Whatever locale wrote it, with or without decimals, the parser reads the amount meant or
    # refuses: it never silently reads another amount. The one documented exception: in
    # three-decimal currencies "1.000" is read as the app writes it, 1.000 (not 1000).
    group, decimal = style
    exponent = minor_unit_exponent(currency)
    meant = cents if decimals else int(Decimal(int(to_decimal(cents, currency))).scaleb(exponent))
    text = written(cents, currency, group=group, decimal=decimal, decimals=decimals)
    if exponent == 3 and group == "." and not decimals and text.lstrip("-").count(".") == 1:
        return
    assert reading(text, currency) in (meant, None)


@given(
    st.text(alphabet="0123456789.,- ", max_size=14) | st.from_regex(r"\A-?\d{1,3}([.,]\d{3}){1,3}[.,]\d{0,3}\Z"),
    CURRENCIES,
)
def test_a_text_has_one_reading_whatever_its_shape(text, currency):
    # Deterministic and sign-symmetric: "-x" is the negative of "x" when both are read.
    value = reading(text, currency)
    assert value == reading(text, currency)
    positive = text.strip()
    if value is not None and positive and positive[0].isdigit():
        assert reading("-" + positive, currency) == -value
