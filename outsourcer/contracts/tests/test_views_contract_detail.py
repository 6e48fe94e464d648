import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.audit.models import Event
from outsourcer.budgets.models import SpendEntry, SpendKind
from outsourcer.contracts.models import Contract, ContractStatus, MilestoneStatus
from outsourcer.contracts.services import contract_create
from outsourcer.lib.transitions import ILLEGAL_TRANSITION
from outsourcer.testing.builders import log_time, make_budget, make_contract
from outsourcer.testing.fixtures import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(personas, frozen):
    return make_budget(personas, amount_cents=80_000)


@pytest.fixture
def over_budget_draft(personas, budget):
    # €60/h × 20 h a week over the rest of March (17–31: 15 days) ≈ €2,571 against the €800 budget.
    return make_contract(personas, budget, activate=False, title="Too big")


def _status(client, org_url, contract, **data):
    return client.post(org_url("contracts:status", contract_id=contract.pk), data)


def test_it_shows_the_terms_and_transitions(login_as, personas, org_url, over_budget_draft):
    body = text(login_as(personas.bob).get(org_url("contracts:detail", contract_id=over_budget_draft.pk)))
    assert "€60.00" in body and "20 h" in body
    assert ">Activate<" in body and ">End contract<" in body
    assert ">Mark completed<" not in body  # not a move the transition table allows from draft


def test_a_viewer_sees_no_buttons(login_as, personas, org_url, over_budget_draft):
    body = text(login_as(personas.vera).get(org_url("contracts:detail", contract_id=over_budget_draft.pk)))
    assert ">Activate<" not in body


def test_activating_within_the_budget_just_works(login_as, personas, org_url, frozen):
    budget = make_budget(personas, amount_cents=1_000_000)
    contract = make_contract(personas, budget, activate=False)
    response = _status(login_as(personas.bob), org_url, contract, status="active")
    contract.refresh_from_db()
    assert response.status_code == 302
    assert contract.status == ContractStatus.ACTIVE


def test_over_the_budget_an_owner_sees_the_numbers_and_may_override(login_as, personas, org_url, over_budget_draft):
    client = login_as(personas.alice)
    response = _status(client, org_url, over_budget_draft, status="active")

    body = text(response)
    assert response.status_code == 409
    assert "to €2,571.43 of its €800.00 this period (€1,771.43 over)" in body
    # The panel shows how its figure was computed and what would fit: 373 min × €60 × 15 / 420 ≤ €800.
    assert "How the figure is computed" in body and "= Total" in body and "Over by" in body
    assert "What would fit: a weekly cap of up to <strong>6 h 13 min</strong> at this rate." in body
    # One step: the reason and one button that says what it does; no second Activate below it.
    assert 'name="confirm_override" value="on" class="contrast">Activate over budget</button>' in body
    assert 'name="override_reason"' in body and 'type="checkbox"' not in body
    assert ">Activate</button>" not in body
    over_budget_draft.refresh_from_db()
    assert over_budget_draft.status == ContractStatus.DRAFT

    response = _status(client, org_url, over_budget_draft, status="active", override_reason="Launch month",
                       confirm_override="on")  # fmt: skip
    over_budget_draft.refresh_from_db()
    assert response.status_code == 302
    assert (over_budget_draft.status, over_budget_draft.activation_override_reason) == ("active", "Launch month")
    assert Event.objects.filter(object_id=str(over_budget_draft.pk), reason="Launch month").exists()


def test_an_override_without_a_reason_keeps_the_warning(login_as, personas, org_url, over_budget_draft):
    client = login_as(personas.alice)
    response = _status(client, org_url, over_budget_draft, status="active", confirm_override="on")

    body = text(response)
    assert response.status_code == 400
    # The guard's own warning with its numbers stays, the error sits next to the reason.
    assert "to €2,571.43 of its €800.00 this period (€1,771.43 over)" in body
    assert "Over by" in body and "What would fit" in body
    assert body.index('name="override_reason"') < body.index("Give a reason for the override.")
    assert body.index("Give a reason for the override.") < body.index("Activate over budget</button>")
    over_budget_draft.refresh_from_db()
    assert over_budget_draft.status == ContractStatus.DRAFT


def test_a_reason_without_the_override_button_does_not_override(login_as, personas, org_url, over_budget_draft):
    client = login_as(personas.alice)
    response = _status(client, org_url, over_budget_draft, status="active", override_reason="Launch month")
    assert response.status_code == 400
    assert "Press the override button to proceed with this reason." in text(response)
    assert "Launch month</textarea>" in text(response)
    over_budget_draft.refresh_from_db()
    assert over_budget_draft.status == ContractStatus.DRAFT


def test_ending_asks_in_the_page_not_in_a_browser_dialog(login_as, personas, org_url, over_budget_draft):
    body = text(login_as(personas.alice).get(org_url("contracts:detail", contract_id=over_budget_draft.pk)))
    assert "data-confirm" not in body and "confirm(" not in body and "{#" not in body
    assert '<summary role="button" class="secondary outline">End contract</summary>' in body
    assert "End “Too big”</button>" in body


def test_a_manager_sees_the_warning_and_is_told_to_ask_an_owner(login_as, personas, org_url, over_budget_draft):
    client = login_as(personas.bob)
    response = _status(client, org_url, over_budget_draft, status="active")
    body = text(response)
    assert response.status_code == 409
    assert "Ask an owner" in body and 'name="override_reason"' not in body

    # Even a hand-made request with a reason does not get a manager past the guard.
    response = _status(client, org_url, over_budget_draft, status="active", override_reason="x", confirm_override="on")
    over_budget_draft.refresh_from_db()
    assert response.status_code == 409
    assert over_budget_draft.status == ContractStatus.DRAFT


def test_ending_and_completing(login_as, personas, org_url, budget):
    client = login_as(personas.bob)
    draft = make_contract(personas, budget, activate=False)
    assert _status(client, org_url, draft, status="ended").status_code == 302
    draft.refresh_from_db()
    assert draft.status == ContractStatus.ENDED

    active = make_contract(personas, budget)
    _status(client, org_url, active, status="completed")
    active.refresh_from_db()
    assert active.status == ContractStatus.COMPLETED


def test_an_illegal_move_is_explained(login_as, personas, org_url, budget):
    contract = make_contract(personas, budget, activate=False)
    response = _status(login_as(personas.alice), org_url, contract, status="completed")
    assert response.status_code == 302
    page = text(login_as(personas.alice).get(response.url))
    assert ILLEGAL_TRANSITION.format(entity="contract", current="draft", move="become completed") in page


def test_a_viewer_may_not_change_the_status(login_as, personas, org_url, over_budget_draft):
    assert _status(login_as(personas.vera), org_url, over_budget_draft, status="ended").status_code == 403


def test_status_refuses_get(login_as, personas, org_url, over_budget_draft):
    url = org_url("contracts:status", contract_id=over_budget_draft.pk)
    assert login_as(personas.alice).get(url).status_code == 405


def test_accepting_a_milestone_posts_its_amount(login_as, personas, org_url, frozen):
    budget = make_budget(personas, amount_cents=1_000_000)
    contract = make_contract(personas, budget, rate_model="fixed")
    milestone = contract.milestones.order_by("position").first()
    response = login_as(personas.bob).post(
        org_url("contracts:milestone-accept", contract_id=contract.pk, milestone_id=milestone.pk)
    )
    milestone.refresh_from_db()
    assert response.status_code == 302
    assert milestone.status == MilestoneStatus.ACCEPTED
    assert SpendEntry.objects.get(kind=SpendKind.MILESTONE).amount_cents == milestone.amount_cents


def test_accepting_twice_is_refused_with_a_message(login_as, personas, org_url, frozen):
    budget = make_budget(personas, amount_cents=1_000_000)
    contract = make_contract(personas, budget, rate_model="fixed")
    milestone = contract.milestones.order_by("position").first()
    url = org_url("contracts:milestone-accept", contract_id=contract.pk, milestone_id=milestone.pk)
    client = login_as(personas.bob)
    client.post(url)
    response = client.post(url, follow=True)
    assert "already been accepted" in text(response)
    assert SpendEntry.objects.filter(kind=SpendKind.MILESTONE).count() == 1


def test_another_organizations_contract_is_404(login_as, personas, org_url, frozen):
    foreign_budget = make_budget(personas, organization=personas.other_org, actor=personas.oscar, name="Oscar's ads")
    foreign = contract_create(
        organization=personas.other_org, actor=personas.oscar, budget=foreign_budget,
        contractor=personas.dan_contractor, title="Theirs", rate_model="hourly", starts_on=foreign_budget.starts_on,
        hourly_rate_cents=5000, weekly_cap_minutes=600,
    )  # fmt: skip
    client = login_as(personas.alice)
    assert client.get(org_url("contracts:detail", contract_id=foreign.pk)).status_code == 404
    assert _status(client, org_url, foreign, status="ended").status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == ContractStatus.DRAFT


def test_the_time_summary_counts_each_status(login_as, personas, org_url, frozen):
    budget = make_budget(personas, amount_cents=1_000_000)
    contract = make_contract(personas, budget)
    log_time(contract, minutes=90)
    log_time(contract, minutes=30)
    body = text(login_as(personas.alice).get(org_url("contracts:detail", contract_id=contract.pk)))
    assert "<dt>Waiting for review</dt><dd>2 h</dd>" in body and "Review 2 waiting" in body


def test_the_list_filters_and_has_a_constant_query_count(login_as, personas, org_url, frozen):
    budget = make_budget(personas, amount_cents=1_000_000)
    make_contract(personas, budget, title="Photos")
    make_contract(personas, budget, rate_model="retainer", title="Bookkeeping retainer")
    client = login_as(personas.vera)
    url = org_url("contracts:list")
    client.get(url)

    body = text(client.get(url + "?rate_model=retainer"))
    assert "Bookkeeping retainer" in body and "Photos" not in body

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(12):
        make_contract(personas, budget, title=f"More {n}", activate=False)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    assert Contract.objects.count() == 14
