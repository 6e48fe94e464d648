"""Property tests of the trust formula (trust_from_tallies): bounded, rises with good evidence,
falls with bad, ignores empty quarters and the order the evidence comes in."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from outsourcer.budgets.periods import calendar_period
from outsourcer.hiring.track_record import FIRST_TIME, ON_TIME, RATING, RESPONSE, Tally, quarter_of
from outsourcer.hiring.trust import CHECKS, INTERVIEWS, MIN_EVIDENCE_WEIGHT, REFERENCES, trust_from_tallies
from outsourcer.lib.validation import FIRST_DAY, LAST_DAY

TODAY = date(2026, 12, 3)
QUARTERS = [quarter_of(TODAY - timedelta(days=91 * n)) for n in range(8)]
# Per metric: (worst, best) value of one observation.
RANGES = {
    INTERVIEWS: (1, 5),
    REFERENCES: (0, 1),
    CHECKS: (0, 1),
    ON_TIME: (0, 1),
    FIRST_TIME: (0, 1),
    RATING: (1, 5),
    RESPONSE: (200, 0),  # hours: slow is worst
}
METRICS = list(RANGES)


@st.composite
def tallies(draw):
    metric = draw(st.sampled_from(METRICS))
    quarter = draw(st.sampled_from(QUARTERS))
    worst, best = RANGES[metric]
    if metric is RESPONSE:
        return Tally(metric, 0, quarter, 1, draw(st.floats(min_value=0, max_value=200)))
    count = draw(st.integers(min_value=1, max_value=20))
    if metric in (INTERVIEWS, RATING):
        return Tally(metric, 0, quarter, count, count * draw(st.floats(min_value=1, max_value=5)))
    return Tally(metric, 0, quarter, count, draw(st.integers(min_value=0, max_value=count)))


EVIDENCE = st.lists(tallies(), max_size=25)
# The formula is fast; a shared, busy machine is not: no per-example deadline.
QUIET = settings(deadline=None)


def perfect(metric, quarter, count=1):
    worst, best = RANGES[metric]
    return Tally(metric, 0, quarter, count, best if metric is RESPONSE else best * count)


def worst(metric, quarter, count=1):
    low, high = RANGES[metric]
    return Tally(metric, 0, quarter, count, low if metric is RESPONSE else low * count)


def score(evidence):
    return trust_from_tallies(1, evidence, today=TODAY).score


@QUIET
@given(EVIDENCE)
def test_it_is_a_whole_number_from_0_to_100_or_not_enough_data(evidence):
    result = trust_from_tallies(1, evidence, today=TODAY)
    assert result.score is None or (isinstance(result.score, int) and 0 <= result.score <= 100)
    assert (result.score is None) == (result.evidence_weight < MIN_EVIDENCE_WEIGHT)
    assert all(part.points is None or 0 <= part.points <= part.weight for part in result.parts)


@QUIET
@given(EVIDENCE, st.sampled_from(METRICS), st.sampled_from(QUARTERS))
def test_good_evidence_never_lowers_it(evidence, metric, quarter):
    before, after = score(evidence), score([*evidence, perfect(metric, quarter)])
    if before is not None:
        assert after is not None and after >= before


@QUIET
@given(EVIDENCE, st.sampled_from(METRICS), st.sampled_from(QUARTERS))
def test_bad_evidence_never_raises_it(evidence, metric, quarter):
    before, after = score(evidence), score([*evidence, worst(metric, quarter)])
    if before is not None:
        assert after is not None and after <= before


@QUIET
@given(EVIDENCE, st.randoms(use_true_random=False))
def test_the_order_of_the_evidence_does_not_matter(evidence, random):
    shuffled = list(evidence)
    random.shuffle(shuffled)
    assert trust_from_tallies(1, shuffled, today=TODAY) == trust_from_tallies(1, evidence, today=TODAY)


@QUIET
@given(EVIDENCE, st.sampled_from(METRICS), st.sampled_from(QUARTERS))
def test_an_empty_quarter_is_ignored(evidence, metric, quarter):
    empty = Tally(metric, 0, quarter, 0, 0)
    assert score([*evidence, empty]) == score(evidence)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(METRICS))
def test_a_recent_quarter_counts_more_than_an_old_one(metric):
    base = [perfect(INTERVIEWS, QUARTERS[0], 3), perfect(REFERENCES, QUARTERS[0], 8)]
    if metric in (INTERVIEWS, REFERENCES):
        base = [perfect(ON_TIME, QUARTERS[0], 3), perfect(FIRST_TIME, QUARTERS[0], 8)]
    recent_bad = score([*base, worst(metric, QUARTERS[0]), perfect(metric, QUARTERS[4])])
    old_bad = score([*base, perfect(metric, QUARTERS[0]), worst(metric, QUARTERS[4])])
    assert recent_bad < old_bad


def test_it_says_not_enough_data_with_one_interview_alone():
    result = trust_from_tallies(1, [perfect(INTERVIEWS, QUARTERS[0])], today=TODAY)
    assert result.score is None and not result.enough_data
    assert result.summary.startswith("Not enough data")


def test_it_explains_each_part():
    evidence = [
        Tally(INTERVIEWS, 0, QUARTERS[0], 2, 8.5),
        Tally(REFERENCES, 0, QUARTERS[0], 8, 7),
        Tally(ON_TIME, 0, QUARTERS[0], 4, 3),
        Tally(ON_TIME, 0, QUARTERS[2], 4, 4),
    ]
    result = trust_from_tallies(1, evidence, today=TODAY)
    why = {part.key: part.why for part in result.parts}
    assert why["interviews"] == "4.2 of 5 on average from 2 scorecards."
    assert why["references"] == "8 answers from referees, 88 % of the best possible."
    assert why["on_time"] == (
        "7 of 8 milestones accepted by their due date (88 %), over 2 quarters (the latest counts most)."
    )
    assert why["rating"] == "No evidence yet."
    # Interviews (4.25 − 1) / 4 = 0.8125, references 7 / 8, on time 3/4 now and 4/4 two quarters ago.
    on_time = (1 * 0.75 + 0.49 * 1) / 1.49
    assert result.score == round(100 * (20 * 0.8125 + 20 * 0.875 + 20 * on_time) / 60)


@QUIET
# The days a stored date may have (a quarter of year 9999 would end past the calendar).
@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_quarters_are_the_budgets_calendar_quarters(day):
    assert quarter_of(day) == calendar_period("quarterly", day).start
