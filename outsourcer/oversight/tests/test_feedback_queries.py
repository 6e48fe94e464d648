"""The feedback lists send as many queries for many rows as for one, within the query budget
(tests/test_query_budget.py), for the organization, the portal and the API."""

import pytest
from django.test import Client
from django.urls import reverse

from outsourcer.oversight.services import feedback_give
from outsourcer.oversight.tests.email_senders import accepted_handover
from tests.test_query_budget import QUERY_BUDGET, _client_for, queries_of

pytestmark = pytest.mark.django_db


def _add(personas, n: int, start: int) -> None:
    for i in range(start, start + n):
        accepted_handover(personas, f"Owed {i}")
        given = accepted_handover(personas, f"Given {i}")
        feedback_give(deliverable=given, actor=personas.alice, quality=4, timeliness=4, communication=4, comment="Ok")


def test_feedback_lists_send_as_many_queries_for_many_rows_as_for_one(personas, frozen):
    org = personas.org.slug
    owner, _ = _client_for(personas, personas.alice, api=False)
    carol, _ = _client_for(personas, personas.carol, api=False)
    _, owner_api = _client_for(personas, personas.alice, api=True)
    _, carol_api = _client_for(personas, personas.carol, api=True)
    pages = [
        (owner, reverse("feedback:owed", args=[org]), {}),
        (owner, reverse("feedback:list", args=[org]), {}),
        (carol, reverse("feedback-portal:list"), {}),
        (Client(), "/api/v1/feedback", owner_api),
        (Client(), "/api/v1/feedback/owed", owner_api),
        (Client(), "/api/v1/portal/feedback", carol_api),
    ]
    _add(personas, 1, 0)
    one = [queries_of(client, url, headers) for client, url, headers in pages]
    _add(personas, 27, 1)  # past a page of 25
    many = [queries_of(client, url, headers) for client, url, headers in pages]

    assert one == many
    assert max(many) <= QUERY_BUDGET
