"""Properties of the brief check that hold for any brief (hypothesis)."""

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from outsourcer.lib.timezones import WEEKDAYS
from outsourcer.work.briefs import CODES, LEAD_TIME_TOO_SHORT, VAGUE_LANGUAGE, Brief, ContractorWindow, brief_check
from outsourcer.work.vague import KINDS, vague_phrases

PHRASES = [phrase for kind in KINDS for phrase in kind.phrases]
# Text people type, with the awkward parts mixed in: vague phrases, quotes, links, NUL, emoji.
AWKWARD = ["“", "”", '"', "'", "‘", "’", "«", "»", "http://", "www.", ".com/", "@", "\x00", "🙂"]
PIECES = st.sampled_from([*PHRASES, *AWKWARD])
TEXT = st.lists(st.one_of(st.text(max_size=30), PIECES), max_size=12).map(" ".join)
MOMENTS = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.sampled_from([UTC, None])
)
CLOCK = st.one_of(
    st.sampled_from(["00:00", "06:00", "09:00", "12:30", "17:00", "23:59"]), st.text(max_size=6), st.integers()
)
HOURS = st.one_of(
    st.dictionaries(st.sampled_from(WEEKDAYS), st.lists(CLOCK, max_size=3), max_size=7),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)
ZONES = st.one_of(
    st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Dubai", "Pacific/Chatham", "UTC"]), st.text(max_size=12)
)
BRIEFS = st.builds(
    Brief,
    title=TEXT,
    goal=TEXT,
    context=TEXT,
    deliverables=TEXT,
    acceptance_criteria=st.lists(TEXT, max_size=4),
    deadline=st.one_of(st.none(), MOMENTS),
    estimate_minutes=st.one_of(st.none(), st.integers(-60, 200 * 60)),
    point_of_contact=TEXT,
    rate_basis=TEXT,
)
CONTRACTORS = st.builds(
    ContractorWindow,
    name=st.text(max_size=20),
    time_zone=ZONES,
    working_hours=HOURS,
    weekly_capacity_minutes=st.integers(-60, 200 * 60),
)
CLEAR_GOALS = st.sampled_from(
    [
        "Show the new spring menu so that more guests book a table for the Easter weekend.",
        "Cut the time our customers wait for an answer to their first e-mail from two days to four hours.",
        "Have a bookkeeping system the tax adviser can read without calling us every quarter about receipts.",
    ]
)


@settings(max_examples=300, deadline=None)
@given(BRIEFS, CONTRACTORS, MOMENTS)
def test_it_never_raises_and_answers_known_codes_in_order(brief, contractor, send_at):
    findings = brief_check(brief, contractor, send_at=send_at)

    codes = [finding.code for finding in findings]
    assert set(codes) <= set(CODES)
    assert codes == sorted(codes, key=CODES.index)
    assert all(finding.message.strip() and finding.suggestion.strip() for finding in findings)


@settings(max_examples=200, deadline=None)
@given(BRIEFS, CONTRACTORS, MOMENTS, CLEAR_GOALS)
def test_adding_a_clear_goal_never_adds_a_finding(brief, contractor, send_at, goal):
    before = Counter(finding.code for finding in brief_check(brief, contractor, send_at=send_at))
    after = Counter(finding.code for finding in brief_check(replace(brief, goal=goal), contractor, send_at=send_at))

    assert after <= before


@settings(max_examples=200, deadline=None)
@given(BRIEFS, CONTRACTORS, MOMENTS, st.integers(1, 60 * 24 * 60))
def test_a_later_deadline_never_makes_the_lead_time_too_short(brief, contractor, send_at, later_minutes):
    def too_short(deadline):
        findings = brief_check(replace(brief, deadline=deadline), contractor, send_at=send_at)
        return LEAD_TIME_TOO_SHORT in [finding.code for finding in findings]

    deadline = (send_at.replace(tzinfo=send_at.tzinfo or UTC)) + timedelta(minutes=1)

    assert too_short(deadline + timedelta(minutes=later_minutes)) <= too_short(deadline)


@given(st.sampled_from(PHRASES), st.sampled_from(["Please", "Note:", "(", "And"]))
def test_every_phrase_is_read_in_a_sentence_but_not_in_a_link(phrase, before):
    link = "https://crumb.example/" + phrase.replace(" ", "-")

    assert [found.kind.phrases for found in vague_phrases(f"{before} {phrase}, thanks.")] != []
    assert vague_phrases(f"{before} see {link} for the photos.") == []
    assert vague_phrases(f"{before} the “{phrase.title()}” poster.") == []


@given(TEXT)
def test_vague_language_findings_follow_the_phrases(text):
    findings = brief_check(Brief(context=text), ContractorWindow(), send_at=datetime(2025, 3, 17, 9, tzinfo=UTC))
    kinds = {found.kind.key for found in vague_phrases(text)}

    assert len([finding for finding in findings if finding.code == VAGUE_LANGUAGE]) == len(kinds)
