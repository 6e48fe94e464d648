"""The brief-clarity check (work/briefs.py): example briefs, each with the findings it must get.

Every example starts from CLEAR (a brief with no findings for Carol, who works Mon–Fri 09:00–17:00
in Berlin and gives 40 h a week) and changes what the example is about. Dates are fixed: the
brief is sent on Monday 17 March 2025 at 09:00 Berlin time unless the example says otherwise.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from outsourcer.lib.timezones import DEFAULT_WORKING_HOURS
from outsourcer.work.briefs import (
    CODES,
    DEADLINE_IN_PAST,
    DEADLINE_OUTSIDE_WORKING_HOURS,
    LEAD_TIME_TOO_SHORT,
    MISSING_DEADLINE,
    MISSING_DELIVERABLES,
    MISSING_GOAL,
    MISSING_POINT_OF_CONTACT,
    MISSING_RATE_BASIS,
    NO_ACCEPTANCE_CRITERIA,
    TOO_SHORT,
    VAGUE_LANGUAGE,
    Brief,
    ContractorWindow,
    brief_check,
)


def at(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))


def berlin(*args: int) -> datetime:
    return at("Europe/Berlin", *args)


SEND = berlin(2025, 3, 17, 9)  # Monday
CLEAR = Brief(
    title="Spring menu photos",
    goal="Show the new spring menu so that more guests book a table for the Easter weekend.",
    context="The terrace reopens on 1 April; the menu changes on 14 April.",
    deliverables="12 photos of the spring dishes, JPEG, 2000 px wide, in natural light.",
    acceptance_criteria=["Every dish on the menu is in at least one photo", "Files are named after the dish"],
    deadline=berlin(2025, 3, 21, 17),  # Friday, the end of Carol's week
    estimate_minutes=8 * 60,
    point_of_contact="Alice, alice@crumb.example, +49 30 1234567",
    rate_basis="Hourly at the contract's rate",
)
NINE_TO_FIVE = dict(DEFAULT_WORKING_HOURS)
NIGHTS = {day: ["00:00", "06:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
CAROL = ContractorWindow(
    name="Carol", time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE, weekly_capacity_minutes=40 * 60
)
HALF_CAROL = replace(CAROL, weekly_capacity_minutes=20 * 60)
NIGHT_CAROL = replace(CAROL, working_hours=NIGHTS, weekly_capacity_minutes=42 * 60)
DAN = ContractorWindow(name="Dan", time_zone="America/New_York", working_hours=NINE_TO_FIVE)
NIGHT_DAN = replace(DAN, working_hours=NIGHTS, weekly_capacity_minutes=42 * 60)
SUN_TO_THU = {day: ["08:00", "16:00"] for day in ("sun", "mon", "tue", "wed", "thu")}
TUE_TO_SAT = {day: ["10:00", "18:00"] for day in ("tue", "wed", "thu", "fri", "sat")}
FARAH = ContractorWindow(name="Farah", time_zone="Asia/Dubai", working_hours=SUN_TO_THU)
LUIS = ContractorWindow(name="Luis", time_zone="Europe/Lisbon", working_hours=TUE_TO_SAT)
ANYTIME = ContractorWindow(name="Ines", time_zone="Europe/Berlin", working_hours={}, weekly_capacity_minutes=40 * 60)

# (id, changes to CLEAR, contractor, send_at, expected codes in order)
EXAMPLES = [
    # clear briefs
    ("clear", {}, CAROL, SEND, []),
    ("clear without an estimate", {"estimate_minutes": None}, CAROL, SEND, []),
    ("clear without context", {"context": ""}, CAROL, SEND, []),
    ("clear without a title", {"title": ""}, CAROL, SEND, []),
    ("clear with one criterion", {"acceptance_criteria": ["Approved by Alice"]}, CAROL, SEND, []),
    # what is missing
    ("no goal", {"goal": ""}, CAROL, SEND, [MISSING_GOAL]),
    ("a blank goal", {"goal": "  \n\t "}, CAROL, SEND, [MISSING_GOAL]),
    ("no deliverables", {"deliverables": ""}, CAROL, SEND, [MISSING_DELIVERABLES]),
    ("no criteria", {"acceptance_criteria": []}, CAROL, SEND, [NO_ACCEPTANCE_CRITERIA]),
    ("blank criteria only", {"acceptance_criteria": ["", "   "]}, CAROL, SEND, [NO_ACCEPTANCE_CRITERIA]),
    ("no point of contact", {"point_of_contact": " "}, CAROL, SEND, [MISSING_POINT_OF_CONTACT]),
    ("no rate basis", {"rate_basis": ""}, CAROL, SEND, [MISSING_RATE_BASIS]),
    ("no deadline", {"deadline": None}, CAROL, SEND, [MISSING_DEADLINE]),
    ("an empty brief", {f: "" for f in ("title", "goal", "context", "deliverables", "point_of_contact", "rate_basis")}
     | {"acceptance_criteria": [], "deadline": None, "estimate_minutes": None}, CAROL, SEND,
     [MISSING_GOAL, MISSING_DELIVERABLES, NO_ACCEPTANCE_CRITERIA, MISSING_DEADLINE, MISSING_POINT_OF_CONTACT,
      MISSING_RATE_BASIS]),
    # deadline in the past, judged from when the brief is sent
    ("deadline a day before sending", {"deadline": berlin(2025, 3, 16, 17)}, CAROL, SEND, [DEADLINE_IN_PAST]),
    ("deadline the minute it is sent", {"deadline": SEND}, CAROL, SEND, [DEADLINE_IN_PAST]),
    ("scheduled after the deadline", {}, CAROL, berlin(2025, 3, 24, 9), [DEADLINE_IN_PAST]),
    ("scheduled on the deadline's morning", {"estimate_minutes": 6 * 60}, CAROL, berlin(2025, 3, 21, 9), []),
    # lead time: working minutes between sending and the deadline, capacity pro rata
    ("scheduled too late for the estimate", {"estimate_minutes": 20 * 60}, CAROL, berlin(2025, 3, 20, 9),
     [LEAD_TIME_TOO_SHORT]),
    ("a whole week for 40 h", {"estimate_minutes": 40 * 60}, CAROL, SEND, []),
    ("a whole week for 40 h 1 min", {"estimate_minutes": 40 * 60 + 1}, CAROL, SEND, [LEAD_TIME_TOO_SHORT]),
    ("one day, exactly 8 h", {"deadline": berlin(2025, 3, 17, 17)}, CAROL, SEND, []),
    ("one day, 8 h 1 min", {"deadline": berlin(2025, 3, 17, 17), "estimate_minutes": 481}, CAROL, SEND,
     [LEAD_TIME_TOO_SHORT]),
    ("half capacity, two days for 8 h", {"deadline": berlin(2025, 3, 18, 17)}, HALF_CAROL, SEND, []),
    ("half capacity, two days for 10 h", {"deadline": berlin(2025, 3, 18, 17), "estimate_minutes": 600},
     HALF_CAROL, SEND, [LEAD_TIME_TOO_SHORT]),
    ("no capacity left for this client", {"estimate_minutes": 60}, replace(CAROL, weekly_capacity_minutes=0), SEND,
     [LEAD_TIME_TOO_SHORT]),
    ("capacity above the working week counts as the week", {"estimate_minutes": 40 * 60},
     replace(CAROL, weekly_capacity_minutes=60 * 60), SEND, []),
    ("sent on Friday evening, due Monday noon", {"deadline": berlin(2025, 3, 24, 12), "estimate_minutes": 4 * 60},
     CAROL, berlin(2025, 3, 21, 18), [LEAD_TIME_TOO_SHORT]),
    # the edge of a working window
    ("due at 17:00 when the day ends at 17:00", {"deadline": berlin(2025, 3, 20, 17)}, CAROL, SEND, []),
    ("due at 17:01", {"deadline": berlin(2025, 3, 20, 17, 1)}, CAROL, SEND, [DEADLINE_OUTSIDE_WORKING_HOURS]),
    ("due at 09:00 when the day starts at 09:00", {"deadline": berlin(2025, 3, 20, 9)}, CAROL, SEND, []),
    ("due at 08:59", {"deadline": berlin(2025, 3, 20, 8, 59)}, CAROL, SEND, [DEADLINE_OUTSIDE_WORKING_HOURS]),
    ("due on Saturday at 02:00", {"deadline": berlin(2025, 3, 22, 2)}, CAROL, SEND, [DEADLINE_OUTSIDE_WORKING_HOURS]),
    ("too soon and at night", {"deadline": berlin(2025, 3, 17, 23), "estimate_minutes": 10 * 60}, CAROL, SEND,
     [LEAD_TIME_TOO_SHORT, DEADLINE_OUTSIDE_WORKING_HOURS]),
    # daylight saving: Berlin springs forward on 30 March 2025, New York falls back on 2 November
    ("Berlin: 16:00 UTC is 17:00 in winter", {"deadline": datetime(2025, 3, 28, 16, tzinfo=UTC)}, CAROL, SEND, []),
    ("Berlin: 16:00 UTC is 18:00 in summer", {"deadline": datetime(2025, 3, 31, 16, tzinfo=UTC)}, CAROL, SEND,
     [DEADLINE_OUTSIDE_WORKING_HOURS]),
    ("Berlin: the short night holds 5 h", {"deadline": berlin(2025, 3, 30, 6), "estimate_minutes": 5 * 60},
     NIGHT_CAROL, berlin(2025, 3, 30, 0), []),
    ("Berlin: the short night does not hold 6 h", {"deadline": berlin(2025, 3, 30, 6), "estimate_minutes": 6 * 60},
     NIGHT_CAROL, berlin(2025, 3, 30, 0), [LEAD_TIME_TOO_SHORT]),
    ("Berlin: a weekend change leaves the days alone", {"deadline": berlin(2025, 3, 31, 17), "estimate_minutes": 960},
     CAROL, berlin(2025, 3, 28, 9), []),
    ("New York: 13:30 UTC is 09:30 in October", {"deadline": datetime(2025, 10, 27, 13, 30, tzinfo=UTC)}, DAN,
     at("America/New_York", 2025, 10, 24, 9), []),
    ("New York: 13:30 UTC is 08:30 in November", {"deadline": datetime(2025, 11, 3, 13, 30, tzinfo=UTC)}, DAN,
     at("America/New_York", 2025, 10, 31, 9), [DEADLINE_OUTSIDE_WORKING_HOURS]),
    ("New York: the long night holds 7 h", {"deadline": at("America/New_York", 2025, 11, 2, 6),
     "estimate_minutes": 7 * 60}, NIGHT_DAN, at("America/New_York", 2025, 11, 2, 0), []),
    # weeks that are not Monday to Friday
    ("Dubai: due on Sunday morning", {"deadline": at("Asia/Dubai", 2025, 3, 23, 10), "estimate_minutes": 8 * 60},
     FARAH, at("Asia/Dubai", 2025, 3, 19, 8), []),
    ("Dubai: due on Friday", {"deadline": at("Asia/Dubai", 2025, 3, 21, 12)}, FARAH, at("Asia/Dubai", 2025, 3, 17, 8),
     [DEADLINE_OUTSIDE_WORKING_HOURS]),
    ("Dubai: Thursday and Sunday hold 16 h", {"deadline": at("Asia/Dubai", 2025, 3, 23, 16), "estimate_minutes": 960},
     FARAH, at("Asia/Dubai", 2025, 3, 20, 8), []),
    ("Dubai: but not 17 h", {"deadline": at("Asia/Dubai", 2025, 3, 23, 16), "estimate_minutes": 1020},
     FARAH, at("Asia/Dubai", 2025, 3, 20, 8), [LEAD_TIME_TOO_SHORT]),
    ("Tue–Sat: due Saturday 18:00", {"deadline": at("Europe/Lisbon", 2025, 3, 22, 18)}, LUIS, SEND, []),
    ("Tue–Sat: due Monday noon", {"deadline": at("Europe/Lisbon", 2025, 3, 24, 12)}, LUIS, SEND,
     [DEADLINE_OUTSIDE_WORKING_HOURS]),
    # no working hours declared: any hour, the weekly capacity spread over the calendar week
    ("no hours: Sunday night is fine", {"deadline": berlin(2025, 3, 23, 3)}, ANYTIME, SEND, []),
    ("no hours: a day holds 5 h 42 min", {"deadline": berlin(2025, 3, 18, 9), "estimate_minutes": 342}, ANYTIME,
     SEND, []),
    ("no hours: but not 6 h", {"deadline": berlin(2025, 3, 18, 9), "estimate_minutes": 360}, ANYTIME, SEND,
     [LEAD_TIME_TOO_SHORT]),
    # vague language
    ("ASAP in the goal", {"goal": CLEAR.goal + " We need it ASAP."}, CAROL, SEND, [VAGUE_LANGUAGE]),
    ("etc. in the deliverables", {"deliverables": CLEAR.deliverables + " Also drinks, cakes etc."}, CAROL, SEND,
     [VAGUE_LANGUAGE]),
    ("something like, in the context", {"context": "Something like the summer shoot."}, CAROL, SEND,
     [VAGUE_LANGUAGE]),
    ("make it pop, in a criterion", {"acceptance_criteria": ["The colours make it pop"]}, CAROL, SEND,
     [VAGUE_LANGUAGE]),
    ("as needed", {"context": "Retouch as needed."}, CAROL, SEND, [VAGUE_LANGUAGE]),
    ("whatever", {"context": "Any angle, whatever."}, CAROL, SEND, [VAGUE_LANGUAGE]),
    ("some stuff", {"context": "Bring some stuff for the table."}, CAROL, SEND, [VAGUE_LANGUAGE]),
    ("a quick tweak", {"title": "Quick tweak to the menu photos"}, CAROL, SEND, [VAGUE_LANGUAGE]),
    ("any case", {"context": "MAKE IT POP, asap, As Needed"}, CAROL, SEND, [VAGUE_LANGUAGE] * 3),
    ("as-needed with a hyphen", {"context": "Edits on an as-needed basis."}, CAROL, SEND, [VAGUE_LANGUAGE]),
    ("the words inside other words", {"context": "A pencil sketch (sketches, fetched) of the stuffing and a wasapp."},
     CAROL, SEND, []),
    ("a quoted product name", {"context": "Place the “ASAP Rocky” poster and the 'Etc. Coffee' sign."}, CAROL,
     SEND, []),
    ("straight quotes and guillemets", {"context": 'Props: the "Make It Pop" soda, «Whatever Works» mugs.'}, CAROL,
     SEND, []),
    ("links and addresses", {"context": "Brief at https://crumb.example/asap-etc?x=whatever, www.some-stuff.shop, "
     "etc.example/make-it-pop, asap@crumb.example."}, CAROL, SEND, []),
    ("a quoted sentence is still read", {"context": "The client said “we need it ASAP”."}, CAROL, SEND,
     [VAGUE_LANGUAGE]),
    ("a long quoted name is a sentence", {"context": '"Whatever You Want To Call It When You Get The Chance Please"'},
     CAROL, SEND, [VAGUE_LANGUAGE]),
    # too short to act on
    ("too short", {"goal": "Photos.", "deliverables": "Menu photos."}, CAROL, SEND, [TOO_SHORT]),
    ("11 words", {"goal": "More bookings.", "deliverables": "Nine photos of the new dishes, JPEG, very wide."},
     CAROL, SEND, [TOO_SHORT]),
    ("12 words", {"goal": "More bookings.", "deliverables": "Ten photos of the new spring dishes, JPEG, very wide."},
     CAROL, SEND, []),
    ("a short goal and no deliverables", {"goal": "Photos.", "deliverables": ""}, CAROL, SEND,
     [MISSING_DELIVERABLES, TOO_SHORT]),
    ("Chinese counts characters", {"goal": "展示新的春季菜单，让更多客人预订复活节的桌子。",
                                   "deliverables": "十二张照片"}, CAROL, SEND, []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "contractor", "send_at", "codes"),
    [example[1:] for example in EXAMPLES],
    ids=[example[0] for example in EXAMPLES],
)
def test_example_briefs(changes, contractor, send_at, codes):
    findings = brief_check(replace(CLEAR, **changes), contractor, send_at=send_at)

    assert [finding.code for finding in findings] == codes
    assert all(finding.message and finding.suggestion for finding in findings)


def test_there_are_at_least_forty_examples_and_every_code_is_met():
    assert len(EXAMPLES) >= 40
    assert {code for example in EXAMPLES for code in example[4]} == set(CODES)


def check(contractor=CAROL, send_at=SEND, **changes):
    return brief_check(replace(CLEAR, **changes), contractor, send_at=send_at)


def test_a_deadline_outside_working_hours_is_said_in_the_contractors_time():
    (finding,) = check(deadline=datetime(2025, 3, 22, 1, tzinfo=UTC))

    assert finding.message == (
        "The deadline is Sat 02:00 for Carol, outside Carol’s working hours (Mon–Fri 09:00–17:00, Europe/Berlin)."
    )
    assert finding.suggestion == (
        "Move it to Fri 17:00 or Mon 09:00 for Carol: the end of the working day before, or the start of the next."
    )
    assert finding.field == "deadline"


def test_an_odd_week_is_named_in_its_own_order():
    (finding,) = check(FARAH, deadline=at("Asia/Dubai", 2025, 3, 21, 12))

    assert "Fri 12:00 for Farah" in finding.message and "(Sun–Thu 08:00–16:00, Asia/Dubai)" in finding.message
    assert finding.suggestion.startswith("Move it to Thu 16:00 or Sun 08:00 for Farah")


def test_lead_time_shows_the_numbers_and_when_it_would_fit():
    (finding,) = check(HALF_CAROL, deadline=berlin(2025, 3, 18, 13), estimate_minutes=10 * 60)

    assert finding.message == (
        "The estimate is 10 h, but Carol can give it only about 6 h before the deadline: Carol works 12 h between "
        "sending (Mon 09:00 for Carol) and the deadline (Tue 13:00), and gives you 20 h of a 40 h working week."
    )
    assert finding.suggestion == (
        "Move the deadline to Wed 19 Mar 2025 13:00 for Carol or later, or make the work smaller "
        "(split it into parts with their own deadlines)."
    )


def test_lead_time_without_capacity_cannot_suggest_a_date():
    (finding,) = check(replace(CAROL, weekly_capacity_minutes=0), estimate_minutes=60)

    assert "gives you 0 h of a 40 h working week" in finding.message
    assert finding.suggestion.startswith("Make the work smaller, or agree more hours a week with Carol first")


def test_lead_time_without_working_hours_spreads_capacity_over_the_week():
    (finding,) = check(ANYTIME, deadline=berlin(2025, 3, 18, 9), estimate_minutes=360)

    assert "only about 5 h 42 min" in finding.message and "24 h pass between sending" in finding.message


def test_a_deadline_in_the_past_names_both_days():
    (finding,) = check(send_at=berlin(2025, 3, 24, 9))

    assert finding.message == (
        "The deadline (Fri 21 Mar 2025 17:00 for Carol) is already past when the brief is sent (Mon 24 Mar 2025 09:00)."
    )
    assert finding.suggestion == "Pick a deadline after the brief is sent that leaves time for the work (8 h)."


def test_vague_phrases_of_one_kind_are_one_finding_that_names_each():
    (finding,) = check(title="Photos ASAP", goal=CLEAR.goal + " As soon as possible, asap.")

    assert finding.message == (
        "“ASAP” (in the title) and “As soon as possible” (in the goal) are vague: it does not say when."
    )
    assert finding.suggestion.startswith("Give a date and time")
    assert finding.field == "title"


def test_many_vague_phrases_are_counted_after_three():
    criteria = ["Edits as needed", "Crops as necessary", "Sizes as appropriate", "Fonts where appropriate"]
    criteria.append("Colours as needed")
    (finding,) = check(acceptance_criteria=criteria)

    assert finding.message.startswith("“as needed” (in the acceptance criteria), “as necessary” (in the acceptance")
    assert "and 1 more are vague" in finding.message


def test_too_short_counts_the_words():
    findings = check(goal="Photos.", deliverables="Menu photos.")

    assert findings[0].message == "The goal and deliverables say 3 words in all, too little to start on without asking."


def test_naive_moments_are_utc_and_unknown_zones_are_utc():
    ghost = ContractorWindow(name="Ghost", time_zone="Mars/Olympus", working_hours=NINE_TO_FIVE)
    (finding,) = check(ghost, send_at=datetime(2025, 3, 17, 9), deadline=datetime(2025, 3, 22, 2))

    assert finding.code == DEADLINE_OUTSIDE_WORKING_HOURS and "Sat 02:00 for Ghost" in finding.message


def test_a_blank_name_reads_as_the_contractor():
    (finding,) = check(replace(CAROL, name=" "), deadline=berlin(2025, 3, 22, 2))

    assert finding.message.startswith("The deadline is Sat 02:00 for the contractor, outside the contractor’s working")


def test_a_deadline_decades_away_leaves_time_for_any_estimate():
    findings = check(deadline=berlin(2099, 12, 31, 17), estimate_minutes=10_000 * 60)

    assert findings == []


def test_the_engagement_gives_the_contractors_zone_and_its_own_capacity(personas):
    engagement = personas.carol_engagement
    engagement.weekly_capacity_minutes = 600

    window = ContractorWindow.for_engagement(engagement)

    assert window == ContractorWindow(
        name="Carol Contractor",
        time_zone=personas.carol_contractor.time_zone,
        working_hours=personas.carol_contractor.working_hours,
        weekly_capacity_minutes=600,
    )


def test_the_findings_start_now_when_a_form_calls_it():
    # How a task form calls it (docs/briefs.md): the brief from the form, the engagement's window.
    send_at = SEND + timedelta(minutes=1)

    assert brief_check(CLEAR, CAROL, send_at=send_at) == []
