"""No GET request writes to the database (docs/performance.md): every GET row of the access matrix,
as every persona, sends no INSERT, UPDATE or DELETE. The one exception is the API token's
"last used" stamp (written at most once a minute, outsourcer/accounts/services: api_token_authenticate)."""

import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.accounts.services import api_token_create
from tests.access_matrix import COLUMNS
from tests.test_access_matrix import ROWS

GET_ROWS = [row for row in ROWS if row.method == "GET"]
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# The documented exception: a token's last use, stamped at most once a minute.
TOKEN_STAMP = re.compile(r'^\s*UPDATE\s+"?accounts_apitoken"?\s+SET\s+"?last_used_at"?\s*=', re.IGNORECASE)


def writes_of(row, personas, user) -> list[str]:
    """The writing statements the row's request sent, signed in (session or token) beforehand."""
    client, headers = Client(), {}
    kwargs = row.kwargs(personas)
    if row.api:
        url = row.name.format(**kwargs)
        if user is not None:
            member_of = personas.other_org if user == personas.oscar else personas.org
            organization = member_of if member_of.memberships.filter(user=user).exists() else None
            _, raw = api_token_create(user=user, name="get-writes", organization=organization)
            headers["Authorization"] = f"Bearer {raw}"
    else:
        url = reverse(row.name, kwargs=kwargs)
        if user is not None:
            client.force_login(user, backend="outsourcer.accounts.backends.EmailBackend")
    data = row.data(personas) if row.data else {}
    with CaptureQueriesContext(connection) as captured:
        client.get(url, data, headers=headers)
    return [q["sql"] for q in captured.captured_queries if WRITE.match(q["sql"]) and not TOKEN_STAMP.match(q["sql"])]


@pytest.mark.parametrize("row", GET_ROWS, ids=[row.id for row in GET_ROWS])
def test_a_get_writes_nothing(row, personas):
    written = {}
    for column in COLUMNS:
        with transaction.atomic():
            found = writes_of(row, personas, personas.by_name(column))
            transaction.set_rollback(True)
        if found:
            written[column] = found
    assert written == {}
