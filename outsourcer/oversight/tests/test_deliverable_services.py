"""Hand-overs and reviews: versions are kept, the task follows, a fixed-price milestone is paid
once through the ledger, and bad input saves nothing."""

from datetime import timedelta

import pytest
import time_machine

from outsourcer.audit.models import Event
from outsourcer.budgets.models import SpendEntry
from outsourcer.contracts.models import MilestoneStatus
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.lib.transitions import IllegalTransition
from outsourcer.oversight import services
from outsourcer.oversight.models import Deliverable, DeliverableStatus, DeliverableVersion, Review, ReviewDecision
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.oversight import make_deliverable, make_working_task, pdf_file
from outsourcer.work.models import TaskMilestone, TaskStatus
from outsourcer.work.services import task_milestone_create

pytestmark = pytest.mark.django_db


def test_handing_over_the_whole_task_submits_it(personas, frozen):
    task = make_working_task(personas)
    deliverable = services.deliverable_submit(
        task=task, contractor=task.contractor, note="All twelve.", links=["https://drive.example/x"], files=[pdf_file()]
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.SUBMITTED
    assert deliverable.status == DeliverableStatus.SUBMITTED
    version = deliverable.versions.get()
    assert (version.number, version.note, version.links) == (1, "All twelve.", ["https://drive.example/x"])
    stored = version.files.get()
    assert stored.name == "photos.pdf" and stored.kind == "pdf"
    assert "photos" not in stored.file.name  # stored under a generated name
    assert Event.objects.filter(action="deliverable_submitted", object_id=str(deliverable.pk)).exists()


def test_changes_requested_send_the_task_back_and_a_new_version_is_kept(personas, frozen):
    deliverable = make_deliverable(personas, review="changes")
    assert deliverable.status == DeliverableStatus.CHANGES_REQUESTED
    deliverable.task.refresh_from_db()
    assert deliverable.task.status == TaskStatus.IN_PROGRESS
    review = Review.objects.get(deliverable=deliverable)
    assert review.decision == ReviewDecision.CHANGES and review.reasons == ["incomplete"]

    again = services.deliverable_submit(
        task=deliverable.task, contractor=deliverable.contractor, links=["https://drive.example/v2"]
    )
    assert again.pk == deliverable.pk
    assert again.version == 2 and again.status == DeliverableStatus.SUBMITTED
    assert list(DeliverableVersion.objects.filter(deliverable=again).values_list("number", flat=True)) == [2, 1]
    again.task.refresh_from_db()
    assert again.task.status == TaskStatus.SUBMITTED


def test_accepting_the_whole_task_marks_it_done_and_records_the_latency(personas, frozen):
    deliverable = make_deliverable(personas)
    with time_machine.travel(frozen + timedelta(hours=5), tick=False):
        review = services.deliverable_accept(deliverable=deliverable, actor=personas.alice)
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.ACCEPTED and deliverable.accepted_at is not None
    assert review.latency_minutes == 5 * 60
    deliverable.task.refresh_from_db()
    assert deliverable.task.status == TaskStatus.DONE


def test_accepting_a_fixed_price_milestone_posts_its_spend_once(personas, frozen):
    budget = make_budget(personas, amount_cents=10**8)
    contract = make_contract(personas, budget, rate_model="fixed", title="Menu shoot")
    paid = contract.milestones.get(title="Draft")
    task = make_working_task(personas, contract=contract)
    step = task_milestone_create(task=task, actor=personas.alice, contract_milestone=paid)
    deliverable = make_deliverable(personas, task, milestone=step, review="accept")
    paid.refresh_from_db()
    assert paid.status == MilestoneStatus.ACCEPTED
    assert SpendEntry.objects.filter(milestone=paid).count() == 1
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS  # one milestone accepted, the task goes on
    assert deliverable.status == DeliverableStatus.ACCEPTED


def test_a_decision_is_taken_once(personas, frozen):
    deliverable = make_deliverable(personas, review="accept")
    with pytest.raises(IllegalTransition):
        services.deliverable_request_changes(
            deliverable=deliverable, actor=personas.alice, reasons=["quality"], comment="Late thought."
        )
    with pytest.raises(DomainError):
        services.deliverable_submit(
            task=deliverable.task, contractor=deliverable.contractor, links=["https://x.example"]
        )


def test_changes_need_a_known_reason_and_a_comment(personas, frozen):
    deliverable = make_deliverable(personas)
    with pytest.raises(FieldErrors) as caught:
        services.deliverable_request_changes(
            deliverable=deliverable, actor=personas.alice, reasons=["nope"], comment=""
        )
    assert set(caught.value.errors) == {"reasons", "comment"}
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.SUBMITTED
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("links", "files", "field"),
    [
        ([], [], "files"),
        (["ftp://old.example/file"], [], "links"),
        ([], [pdf_file("photos.pdf", b"MZ\x90\x00not a pdf")], "files"),
    ],
)
def test_bad_hand_overs_save_nothing(personas, frozen, links, files, field):
    task = make_working_task(personas)
    with pytest.raises((DomainError, FieldErrors)) as caught:
        services.deliverable_submit(task=task, contractor=task.contractor, links=links, files=files)
    error = caught.value
    fields = set(error.errors) if isinstance(error, FieldErrors) else {error.field}
    assert fields == {field}
    assert not Deliverable.objects.exists()
    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED


def test_work_is_handed_over_only_once_the_task_is_accepted(personas, frozen):
    from outsourcer.testing.work import make_task

    task = make_task(personas)
    with pytest.raises(DomainError):
        services.deliverable_submit(task=task, contractor=task.contractor, links=["https://x.example"])
    assert not TaskMilestone.objects.exists() and not Deliverable.objects.exists()
