"""Task services: the brief, the transition table, the brief check's override and who is told."""

from datetime import UTC, date, datetime

import pytest
from django.core import mail

from outsourcer.accounts.services import organization_close
from outsourcer.audit.models import Event
from outsourcer.contracts.models import ContractStatus
from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired
from outsourcer.lib.transitions import IllegalTransition
from outsourcer.notifications.models import Notification
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.models import TaskStatus

pytestmark = pytest.mark.django_db


def _sent(personas, **fields):
    task = make_task(personas, **fields)
    return services.task_send(task=task, actor=personas.alice)


def test_it_drafts_a_task_with_the_contracts_contractor(personas, frozen):
    task = make_task(personas)
    assert task.status == TaskStatus.DRAFT
    assert task.contractor == personas.carol_contractor
    assert task.engagement == personas.carol_engagement
    assert task.organization == personas.org
    assert Event.objects.filter(action="task_created", object_id=str(task.pk)).exists()


def test_it_refuses_a_brief_with_bad_fields_and_saves_nothing(personas, frozen):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9))
    with pytest.raises(FieldErrors) as caught:
        services.task_create(
            organization=personas.org,
            actor=personas.alice,
            contract=contract,
            title="",
            references="not a link",
            deadline_at=datetime(2025, 3, 21, 17, 0),  # naive
            point_of_contact=personas.oscar,
            acceptance_criteria=["ok", "x\x00"],
        )
    assert set(caught.value.errors) == {"title", "references", "deadline_at", "point_of_contact", "acceptance_criteria"}
    assert not contract.tasks.exists()


def test_a_clear_brief_is_sent_and_the_contractor_is_told(personas, frozen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        task = _sent(personas)
    assert task.status == TaskStatus.SENT
    assert task.sent_at == frozen
    assert task.brief_override_reason == ""
    assert Notification.objects.filter(user=personas.carol, kind="task_sent").exists()
    assert [m.to for m in mail.outbox] == [[personas.carol.email]]
    assert Event.objects.filter(action="task_sent").exists()


def test_open_findings_need_an_override_reason(personas, frozen):
    task = make_task(personas, goal="", deadline_at=None)
    with pytest.raises(OverrideRequired) as caught:
        services.task_send(task=task, actor=personas.alice)
    codes = [f["code"] for f in caught.value.details["findings"]]
    assert codes[:1] == ["missing_goal"] and "missing_deadline" in codes
    task.refresh_from_db()
    assert task.status == TaskStatus.DRAFT

    sent = services.task_send(task=task, actor=personas.alice, override_reason="Carol knows this menu")
    assert sent.status == TaskStatus.SENT
    assert sent.brief_override_reason == "Carol knows this menu"
    event = Event.objects.get(action="task_sent_with_override")
    assert event.reason == "Carol knows this menu"
    assert len(event.after["findings"]) == len(codes)


def test_a_task_under_a_draft_contract_cannot_be_sent(personas, frozen):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9), activate=False)
    task = make_task(personas, contract)
    with pytest.raises(DomainError) as caught:
        services.task_send(task=task, actor=personas.alice)
    assert caught.value.code == "contract_not_active"


def test_the_contractor_asks_then_the_owner_answers_and_it_is_sent_again(
    personas, frozen, django_capture_on_commit_callbacks
):
    task = _sent(personas)
    with django_capture_on_commit_callbacks(execute=True):
        task = services.task_ask(task=task, contractor=personas.carol_contractor, question="Which dishes first?")
    assert task.status == TaskStatus.QUESTION
    assert Notification.objects.filter(user=personas.alice, kind="task_reply").exists()
    assert mail.outbox[-1].to == [personas.alice.email]

    task = services.task_answer(task=task, actor=personas.bob, answer="The cakes.")
    assert task.status == TaskStatus.SENT
    assert task.answer == "The cakes."
    task = services.task_accept(task=task, contractor=personas.carol_contractor)
    assert task.status == TaskStatus.ACCEPTED and task.accepted_at == frozen


def test_the_whole_way_to_done(personas, frozen):
    task = _sent(personas)
    task = services.task_accept(task=task, contractor=personas.carol_contractor)
    task = services.task_start(task=task, contractor=personas.carol_contractor)
    assert task.status == TaskStatus.IN_PROGRESS
    task = services.task_submit(task=task, contractor=personas.carol_contractor)
    assert task.status == TaskStatus.SUBMITTED and task.submitted_at == frozen
    task = services.task_done(task=task, actor=personas.alice)
    assert task.status == TaskStatus.DONE and task.done_at == frozen


def test_a_declined_task_is_reworked_into_a_draft(personas, frozen):
    task = _sent(personas)
    with pytest.raises(FieldErrors):
        services.task_decline(task=task, contractor=personas.carol_contractor, reason="  ")
    task = services.task_decline(task=task, contractor=personas.carol_contractor, reason="Fully booked in March")
    assert task.status == TaskStatus.DECLINED
    task = services.task_update(task=task, actor=personas.alice, deadline_at=datetime(2025, 4, 4, 15, tzinfo=UTC))
    assert task.status == TaskStatus.DRAFT
    assert Event.objects.get(action="task_updated").after["changed"] == ["deadline_at"]


@pytest.mark.parametrize(
    ("status_path", "call"),
    [
        ([], lambda p, t: services.task_accept(task=t, contractor=p.carol_contractor)),
        ([], lambda p, t: services.task_done(task=t, actor=p.alice)),
        (["send"], lambda p, t: services.task_update(task=t, actor=p.alice, title="New")),
        (["send"], lambda p, t: services.task_answer(task=t, actor=p.alice, answer="Yes")),
        (["send"], lambda p, t: services.task_send(task=t, actor=p.alice)),
        (["send", "cancel"], lambda p, t: services.task_cancel(task=t, actor=p.alice)),
        (["send", "cancel"], lambda p, t: services.task_start(task=t, contractor=p.carol_contractor)),
    ],
)
def test_illegal_transitions_are_refused(personas, frozen, status_path, call):
    task = make_task(personas)
    for step in status_path:
        task = (
            services.task_send(task=task, actor=personas.alice)
            if step == "send"
            else services.task_cancel(task=task, actor=personas.alice)
        )
    with pytest.raises(IllegalTransition):
        call(personas, task)


def test_milestones_of_a_fixed_price_task_name_the_contracts_own(personas, frozen):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9), rate_model="fixed")
    task = make_task(personas, contract)
    with pytest.raises(FieldErrors) as caught:
        services.task_milestone_create(
            task=task, actor=personas.alice, title="Own", due_on=date(2025, 3, 20), amount_cents=5
        )
    assert set(caught.value.errors) == {"contract_milestone", "amount_cents"}
    draft = contract.milestones.first()
    milestone = services.task_milestone_create(task=task, actor=personas.alice, contract_milestone=draft)
    assert (milestone.title, milestone.due_on, milestone.amount_cents) == (draft.title, draft.due_on, None)


def test_milestones_of_an_hourly_task_may_carry_an_amount(personas, frozen):
    task = make_task(personas)
    milestone = services.task_milestone_create(
        task=task, actor=personas.alice, title="Drafts", due_on=date(2025, 3, 19), amount_cents=12_000
    )
    assert milestone.amount_cents == 12_000
    assert Event.objects.filter(action="task_milestone_added").exists()


def test_a_closed_contract_takes_no_new_task(personas, frozen):
    contract = make_contract(personas, make_budget(personas, amount_cents=10**9))
    contract.status = ContractStatus.ENDED
    with pytest.raises(DomainError):
        make_task(personas, contract)


def test_closing_the_organization_cancels_its_open_tasks(personas, frozen):
    open_task = _sent(personas)
    done = make_task(personas, title="Finished")
    for step in ("send", "accept", "start", "submit", "done"):
        if step == "send":
            done = services.task_send(task=done, actor=personas.alice)
        elif step == "done":
            done = services.task_done(task=done, actor=personas.alice)
        else:
            done = getattr(services, f"task_{step}")(task=done, contractor=personas.carol_contractor)
    organization_close(organization=personas.org, actor=personas.alice)
    open_task.refresh_from_db()
    done.refresh_from_db()
    assert (open_task.status, done.status) == (TaskStatus.CANCELLED, TaskStatus.DONE)
