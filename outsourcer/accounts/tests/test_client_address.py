"""The client address the throttle keys on: forwarded headers count only from trusted proxies."""

import pytest
from django.test import Client, RequestFactory, override_settings

from outsourcer.lib.net import client_address
from outsourcer.testing.factories import PASSWORD

rf = RequestFactory()


def _request(remote: str, **headers):
    return rf.get("/", REMOTE_ADDR=remote, **headers)


def test_it_ignores_forwarded_headers_without_trusted_proxies():
    request = _request("198.51.100.66", HTTP_X_REAL_IP="10.9.9.9", HTTP_X_FORWARDED_FOR="10.8.8.8")
    assert client_address(request, proxies=[]) == "198.51.100.66"


def test_it_ignores_forwarded_headers_from_an_untrusted_peer():
    request = _request("198.51.100.66", HTTP_X_REAL_IP="10.9.9.9")
    assert client_address(request, proxies=["127.0.0.1"]) == "198.51.100.66"


def test_it_believes_x_real_ip_from_a_trusted_proxy():
    request = _request("127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert client_address(request, proxies=["127.0.0.1"]) == "203.0.113.7"


def test_it_accepts_cidr_ranges():
    request = _request("10.0.3.4", HTTP_X_REAL_IP="203.0.113.7")
    assert client_address(request, proxies=["10.0.0.0/16"]) == "203.0.113.7"


def test_it_reads_forwarded_for_from_the_right_skipping_trusted_hops():
    # The client forged the first entry; the load balancer (10.0.0.5) appended the real one.
    request = _request("127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7, 10.0.0.5")
    assert client_address(request, proxies=["127.0.0.1", "10.0.0.0/8"]) == "203.0.113.7"


def test_it_falls_back_to_the_socket_address_when_the_header_is_not_an_address():
    request = _request("127.0.0.1", HTTP_X_REAL_IP="not-an-ip")
    assert client_address(request, proxies=["127.0.0.1"]) == "127.0.0.1"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[])
def test_a_locked_out_attacker_cannot_escape_by_sending_a_new_header_each_try(client, personas):
    for n in range(5):
        client.post(
            "/accounts/login/", {"email": personas.alice.email, "password": "guess"},
            REMOTE_ADDR="198.51.100.66", HTTP_X_REAL_IP=f"10.0.0.{n}",
        )  # fmt: skip

    response = Client().post(
        "/accounts/login/", {"email": personas.alice.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.66", HTTP_X_REAL_IP="10.0.0.99",
    )  # fmt: skip

    assert response.status_code == 429


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_each_real_client_has_its_own_counter(client, personas):
    for _ in range(5):
        client.post(
            "/accounts/login/", {"email": personas.alice.email, "password": "guess"},
            REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.66",
        )  # fmt: skip

    response = Client().post(
        "/accounts/login/", {"email": personas.alice.email, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7",
    )  # fmt: skip

    assert response.status_code == 302
