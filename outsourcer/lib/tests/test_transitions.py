import pytest
from hypothesis import given
from hypothesis import strategies as st

from outsourcer.lib.errors import DomainError
from outsourcer.lib.transitions import ILLEGAL_TRANSITION, Flow, IllegalTransition

CHOICES = [("draft", "Draft"), ("active", "Active"), ("done", "Done")]
TARGETS = {"draft": ("active", "done"), "active": ("done",)}
FLOW = Flow.from_targets(entity="thing", choices=CHOICES, targets=TARGETS)

REVIEW = Flow(
    entity="entry",
    labels={"submitted": "Submitted", "approved": "Approved"},
    moves={("submitted", "approve"): "approved", ("submitted", "edit"): "submitted"},
    phrases={"approve": "be approved"},
)


def test_a_listed_move_gives_its_target():
    assert FLOW.next("draft", "active") == "active"
    assert REVIEW.next("submitted", "approve") == "approved"
    assert REVIEW.next("submitted", "edit") == "submitted"


def test_an_illegal_move_raises_one_domain_error_with_the_message_constant():
    with pytest.raises(IllegalTransition) as caught:
        FLOW.next("done", "active")
    assert isinstance(caught.value, DomainError)
    assert caught.value.code == "illegal_transition"
    assert caught.value.field == "status"
    assert caught.value.message == ILLEGAL_TRANSITION.format(entity="thing", current="done", move="become active")
    assert caught.value.message == "The thing is done; it cannot become active."


def test_an_action_reads_as_its_phrase_or_its_words():
    with pytest.raises(IllegalTransition, match="The entry is approved; it cannot be approved."):
        REVIEW.next("approved", "approve")
    with pytest.raises(IllegalTransition, match="The entry is approved; it cannot edit."):
        REVIEW.next("approved", "edit")


def test_a_domain_may_name_its_illegal_move():
    flow = Flow(entity="x", labels={"a": "A"}, moves={}, message="Already done.", code="already_done")
    with pytest.raises(IllegalTransition) as caught:
        flow.next("a", "go")
    assert (caught.value.message, caught.value.code) == ("Already done.", "already_done")


def test_targets_follow_the_status_order_and_actions_the_table_order():
    assert FLOW.targets("draft") == ["active", "done"]
    assert FLOW.targets("done") == []
    assert REVIEW.actions("submitted") == ["approve", "edit"]
    assert FLOW.allows("active", "done") and not FLOW.allows("done", "draft")


statuses = st.sampled_from([value for value, _ in CHOICES])


@given(statuses, statuses)
def test_next_succeeds_exactly_for_the_moves_in_the_table(current, target):
    allowed = target in TARGETS.get(current, ())
    assert FLOW.allows(current, target) == allowed
    assert (target in FLOW.targets(current)) == allowed
    if allowed:
        assert FLOW.next(current, target) == target
    else:
        with pytest.raises(IllegalTransition):
            FLOW.next(current, target)
