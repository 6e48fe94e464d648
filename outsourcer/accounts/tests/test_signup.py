import pytest
from django.test import Client
from django.urls import reverse

from outsourcer.accounts.models import Membership, Organization, User
from outsourcer.audit.models import Event

URL = reverse("accounts:signup")
VALID = {
    "name": "Nina Baker",
    "email": "Nina@Bakery.example",
    "password": "flour and water 42",
    "organization_name": "Nina's Bakery",
}

pytestmark = pytest.mark.django_db


def test_it_shows_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="organization_name"' in response.content


def test_it_creates_the_account_and_its_organization(client):
    response = client.post(URL, VALID)

    user = User.objects.get(email="nina@bakery.example")
    organization = Organization.objects.get(name="Nina's Bakery")
    assert response.status_code == 302
    assert response.url == reverse("orgs:home", args=[organization.slug])
    assert Membership.objects.get(user=user, organization=organization).role == "owner"
    assert Event.objects.filter(action="organization_created", organization=organization, actor=user).exists()
    assert client.get(response.url).status_code == 200  # logged in


def test_it_keeps_what_was_typed_when_the_password_is_weak(client):
    response = client.post(URL, {**VALID, "password": "password123"})

    assert response.status_code == 200
    assert b"too common" in response.content
    assert b'value="Nina&#x27;s Bakery"' in response.content
    assert not User.objects.exists()
    assert not Organization.objects.exists()


def test_it_refuses_an_e_mail_that_has_an_account(client, personas):
    response = client.post(URL, {**VALID, "email": "ALICE@crumb.example"})

    assert response.status_code == 200
    assert b"already exists" in response.content
    assert not Organization.objects.filter(name="Nina's Bakery").exists()


def test_it_requires_a_business_name(client):
    response = client.post(URL, {**VALID, "organization_name": "   "})

    assert response.status_code == 200
    assert b"This field is required" in response.content
    assert not User.objects.exists()


def test_it_rejects_nul_characters(client):
    response = client.post(URL, {**VALID, "name": "Ni\x00na"})

    assert response.status_code == 200
    assert not User.objects.exists()


def test_it_gives_two_businesses_with_one_name_different_addresses(client):
    client.post(URL, VALID)
    client.post(reverse("accounts:logout"))
    client.post(URL, {**VALID, "email": "other@bakery.example"})

    assert sorted(Organization.objects.values_list("slug", flat=True)) == ["ninas-bakery", "ninas-bakery-2"]


def test_sign_ups_are_throttled_per_address(client):
    for n in range(10):
        client.post(URL, {**VALID, "email": f"nina{n}@bakery.example"}, REMOTE_ADDR="198.51.100.9")
        client.post(reverse("accounts:logout"))

    response = client.post(URL, {**VALID, "email": "late@bakery.example"}, REMOTE_ADDR="198.51.100.9")

    assert response.status_code == 429
    assert b"Too many requests" in response.content
    assert not User.objects.filter(email="late@bakery.example").exists()


def test_sign_ups_are_throttled_per_e_mail(client, personas):
    for n in range(3):
        Client().post(URL, {**VALID, "email": "alice@crumb.example"}, REMOTE_ADDR=f"198.51.100.{n}")

    response = client.post(URL, {**VALID, "email": "alice@crumb.example"}, REMOTE_ADDR="203.0.113.50")

    assert response.status_code == 429
