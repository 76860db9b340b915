"""The HTTP side of `wijzer sync` without a network: what is sent to the LRS (body, xAPI headers,
login), which answers and network errors are tried again and how long each wait is, when the
sync gives up, and every Dutch message a user reads then, word for word.

A fake LRS (an httpx.MockTransport) answers in turn; waits are recorded, never slept, and the
jitter is fixed so every delay is exact."""

from __future__ import annotations

import base64
import ssl
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import certifi
import httpx
import pytest

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.reports.xapi_config import XapiConfig
from wijzer_tui.domain.sync import http as sync_http
from wijzer_tui.domain.sync.http import (
    LrsClient,
    SyncError,
    _host,
    _is_tls,
    detail,
    status_message,
    transport_message,
)

ENDPOINT = "https://lrs.example.org:8443/xAPI/"
URL = "https://lrs.example.org:8443/xAPI/statements"
HOST = "lrs.example.org:8443"
BODY = '[{"verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}, "tekst": "één"}]'.encode()
DOUBLING = [0.5, 1.0, 2.0, 4.0, 8.0]  # BACKOFF 0.5, doubled before each next retry

TIMEOUT = (
    "De LRS op lrs.example.org:8443 gaf binnen {} seconden geen antwoord, ook niet na 5 nieuwe "
    "pogingen. Is de server overbelast? Probeer het later opnieuw, of zet een ruimere timeout in "
    "xapi.toml."
)
TLS = (
    "De beveiligde verbinding (TLS) met lrs.example.org:8443 lukt niet: het certificaat van de "
    "server wordt niet vertrouwd of klopt niet bij het adres. Controleer het adres. Gebruikt je "
    "organisatie een eigen certificaatautoriteit, zet die dan als ca_file in xapi.toml."
)
UNKNOWN = "Het adres lrs.example.org:8443 is onbekend. Controleer het endpoint van de LRS."
REFUSED = (
    "De LRS op lrs.example.org:8443 is niet bereikbaar: de verbinding werd geweigerd, ook na 5 "
    "nieuwe pogingen. Staat de server aan en klopt het adres?"
)
GONE = (
    "De verbinding met de LRS op lrs.example.org:8443 viel weg, ook na 5 nieuwe pogingen. "
    "Probeer het later opnieuw."
)

Answer = int | httpx.Response | Exception


class FakeLrs:
    """Gives its answers in turn (a status, a response, or an error to raise), the last one
    again and again; keeps every request it got."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return httpx.Response(answer) if isinstance(answer, int) else answer


def config(**changes: Any) -> XapiConfig:
    settings: dict[str, Any] = {
        "endpoint": ENDPOINT,
        "username": "noor",
        "password": "geheim",
        "timeout": 2.5,
    }
    return XapiConfig(**(settings | changes))


@pytest.fixture(autouse=True)
def jitter(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, float]]:
    """random.uniform gives its upper bound (no shortening); the bounds asked for are kept."""
    bounds: list[tuple[float, float]] = []

    def uniform(low: float, high: float) -> float:
        bounds.append((low, high))
        return high

    monkeypatch.setattr(sync_http.random, "uniform", uniform)
    return bounds


@pytest.fixture
def sleeps() -> list[float]:
    return []


def client_for(lrs: FakeLrs, sleeps: list[float], **options: Any) -> LrsClient:
    settings = options.pop("settings", config())
    return LrsClient(settings, sleep=sleeps.append, transport=httpx.MockTransport(lrs), **options)


def sync_error(lrs: FakeLrs, sleeps: list[float], **options: Any) -> SyncError:
    with client_for(lrs, sleeps, **options) as client, pytest.raises(SyncError) as error:
        client.post(BODY)
    return error.value


def connect_error(text: str, cause: BaseException | None = None) -> httpx.ConnectError:
    error = httpx.ConnectError(text)
    error.__cause__ = cause
    return error


# What is sent


def test_a_batch_is_posted_once_with_the_xapi_headers_and_the_login(sleeps: list[float]) -> None:
    lrs = FakeLrs(httpx.Response(200, json=["id-1"]))
    with client_for(lrs, sleeps) as client:
        response = client.post(BODY)
    assert response.status_code == 200 and response.json() == ["id-1"]
    (request,) = lrs.requests
    assert request.method == "POST"
    assert str(request.url) == URL == config().statements_url
    assert request.content == BODY
    assert request.headers["X-Experience-API-Version"] == "1.0.3"
    assert request.headers["Content-Type"] == "application/json"
    login = base64.b64encode(b"noor:geheim").decode()
    assert request.headers["Authorization"] == f"Basic {login}"
    assert sleeps == []


def test_without_a_username_no_login_is_sent(sleeps: list[float]) -> None:
    lrs = FakeLrs(200)
    with client_for(lrs, sleeps, settings=config(username="", password="")) as client:
        assert client.post(BODY).status_code == 200
    (request,) = lrs.requests
    assert "Authorization" not in request.headers
    assert request.headers["X-Experience-API-Version"] == "1.0.3"


# Answers: tried again, or back at once


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_a_busy_or_failing_lrs_is_asked_again(sleeps: list[float], status: int) -> None:
    lrs = FakeLrs(status, 200)
    with client_for(lrs, sleeps) as client:
        assert client.post(BODY).status_code == 200
    assert [request.content for request in lrs.requests] == [BODY, BODY]
    assert sleeps == [0.5]


@pytest.mark.parametrize("status", [200, 400, 401, 403, 404, 409, 501])
def test_every_other_answer_comes_back_at_once(sleeps: list[float], status: int) -> None:
    lrs = FakeLrs(status, 200)
    with client_for(lrs, sleeps) as client:
        assert client.post(BODY).status_code == status
    assert len(lrs.requests) == 1
    assert sleeps == []


def test_after_five_retries_the_last_answer_comes_back(
    sleeps: list[float], jitter: list[tuple[float, float]]
) -> None:
    lrs = FakeLrs(*[503] * 5, httpx.Response(503, text="nog steeds bezig"))
    with client_for(lrs, sleeps) as client:
        response = client.post(BODY)
    assert response.status_code == 503 and response.text == "nog steeds bezig"
    assert len(lrs.requests) == 6
    assert sleeps == DOUBLING
    assert jitter == [(0.5, 1.0)] * 5


def test_the_sixth_try_may_still_succeed(sleeps: list[float]) -> None:
    lrs = FakeLrs(*[500] * 5, 200)
    with client_for(lrs, sleeps) as client:
        assert client.post(BODY).status_code == 200
    assert len(lrs.requests) == 6
    assert sleeps == DOUBLING


# How long each wait is


def test_the_jitter_shortens_a_wait_at_most_by_half(
    sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    bounds: list[tuple[float, float]] = []
    monkeypatch.setattr(sync_http.random, "uniform", lambda a, b: bounds.append((a, b)) or a)
    with client_for(FakeLrs(503), sleeps) as client:
        client.post(BODY)
    assert sleeps == [0.25, 0.5, 1.0, 2.0, 4.0]
    assert bounds == [(0.5, 1.0)] * 5


@pytest.mark.parametrize(
    ("lowest", "waits"),
    [(False, [10.0, 15.0, 15.0, 15.0, 15.0]), (True, [5.0, 7.5, 7.5, 7.5, 7.5])],
)
def test_a_wait_grows_to_fifteen_seconds_at_most_before_the_jitter(
    sleeps: list[float], monkeypatch: pytest.MonkeyPatch, lowest: bool, waits: list[float]
) -> None:
    monkeypatch.setattr(sync_http.random, "uniform", lambda a, b: a if lowest else b)
    with client_for(FakeLrs(502), sleeps, backoff=10) as client:
        client.post(BODY)
    assert sleeps == waits


@pytest.mark.parametrize(
    ("retry_after", "backoff", "wait"),
    [
        ("7", 0.5, 7.0),  # the LRS asks for longer than the backoff: its wish counts
        ("100", 0.5, 15.0),  # but never longer than fifteen seconds
        ("1", 4.0, 4.0),  # a shorter wish leaves the backoff
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.5, 0.5),  # a date is not read
        ("²", 0.5, 0.5),  # a digit to Unicode, but no number: ignored, never a crash
    ],
)
def test_retry_after_can_only_lengthen_a_wait(
    sleeps: list[float], retry_after: str, backoff: float, wait: float
) -> None:
    header = retry_after.encode("latin-1")  # as the bytes arrive from the network
    lrs = FakeLrs(httpx.Response(429, headers={"Retry-After": header}), 200)
    with client_for(lrs, sleeps, backoff=backoff) as client:
        assert client.post(BODY).status_code == 200
    assert sleeps == [wait]


def test_retry_after_is_read_at_every_retry(sleeps: list[float]) -> None:
    busy = httpx.Response(503, headers={"Retry-After": "3"})
    with client_for(FakeLrs(busy), sleeps) as client:
        assert client.post(BODY).status_code == 503
    assert sleeps == [3.0, 3.0, 3.0, 4.0, 8.0]


def test_without_a_backoff_the_module_default_is_used(
    sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_http, "BACKOFF", 0.25)
    with client_for(FakeLrs(500, 500, 200), sleeps) as client:
        assert client.post(BODY).status_code == 200
    assert sleeps == [0.25, 0.5]


def test_a_backoff_of_zero_is_honoured(sleeps: list[float]) -> None:
    with client_for(FakeLrs(503), sleeps, backoff=0) as client:
        assert client.post(BODY).status_code == 503
    assert sleeps == [0.0] * 5


# Network errors


def test_a_refused_connection_is_tried_six_times_then_said_plainly(sleeps: list[float]) -> None:
    refused = httpx.ConnectError("[Errno 111] Connection refused")
    lrs = FakeLrs(refused)
    error = sync_error(lrs, sleeps)
    assert error.message == REFUSED
    assert error.__cause__ is refused
    assert len(lrs.requests) == 6
    assert sleeps == DOUBLING


def test_a_timeout_through_every_retry_names_the_configured_seconds(sleeps: list[float]) -> None:
    lrs = FakeLrs(httpx.ReadTimeout("timed out"))
    assert sync_error(lrs, sleeps).message == TIMEOUT.format("2.5")
    assert len(lrs.requests) == 6


@pytest.mark.parametrize(
    "failure",
    [
        connect_error("handdruk mislukt", ssl.SSLError(1, "certificate verify failed")),
        connect_error("[CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:1006)"),
    ],
)
def test_a_certificate_problem_stops_at_once(sleeps: list[float], failure: Exception) -> None:
    lrs = FakeLrs(failure, 200)
    error = sync_error(lrs, sleeps)
    assert error.message == TLS
    assert len(lrs.requests) == 1
    assert sleeps == []


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("[Errno 111] Connection refused"),
        httpx.ReadTimeout("timed out"),
        httpx.ReadError("Connection reset by peer"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
)
def test_a_network_error_then_an_answer_is_a_success(
    sleeps: list[float], failure: Exception
) -> None:
    lrs = FakeLrs(failure, failure, httpx.Response(200, json=["id-1"]))
    with client_for(lrs, sleeps) as client:
        assert client.post(BODY).json() == ["id-1"]
    assert [request.content for request in lrs.requests] == [BODY] * 3
    assert sleeps == [0.5, 1.0]


# The messages for network errors


@pytest.mark.parametrize(
    ("failure", "timeout", "message"),
    [
        (httpx.ReadTimeout("timed out"), 2.5, TIMEOUT.format("2.5")),
        (httpx.ConnectTimeout("timed out"), 10.0, TIMEOUT.format("10")),
        (httpx.WriteTimeout("timed out"), 30.0, TIMEOUT.format("30")),
        (connect_error("handdruk mislukt", ssl.SSLError(1, "bad handshake")), 30.0, TLS),
        (connect_error("[CERTIFICATE_VERIFY_FAILED] certificate verify failed"), 30.0, TLS),
        (connect_error("[SSL: WRONG_VERSION_NUMBER] wrong version number"), 30.0, TLS),
        (httpx.ReadError("[SSL: DECRYPTION_FAILED_OR_BAD_RECORD_MAC]"), 30.0, TLS),
        (connect_error("[Errno -2] Name or service not known"), 30.0, UNKNOWN),
        (connect_error("[Errno 8] nodename nor servname provided, or not known"), 30.0, UNKNOWN),
        (connect_error("[Errno 11001] getaddrinfo failed"), 30.0, UNKNOWN),
        (connect_error("[Errno 111] Connection refused"), 30.0, REFUSED),
        (httpx.ReadError("Connection reset by peer"), 30.0, GONE),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), 30.0, GONE),
        (httpx.WriteError("Broken pipe"), 30.0, GONE),
    ],
    ids=[
        "read-timeout",
        "connect-timeout",
        "write-timeout",
        "ssl-cause",
        "verify-failed-text",
        "ssl-text",
        "ssl-text-read-error",
        "name-or-service",
        "nodename",
        "getaddrinfo",
        "refused",
        "read-error",
        "remote-protocol",
        "write-error",
    ],
)
def test_each_network_failure_has_its_own_message(
    failure: httpx.TransportError, timeout: float, message: str
) -> None:
    assert transport_message(failure, URL, timeout) == message


def test_a_timeout_stays_a_timeout_even_over_tls() -> None:
    failure = httpx.ConnectTimeout("[SSL] handshake timed out")
    failure.__cause__ = ssl.SSLError(1, "timed out")
    assert transport_message(failure, URL, 5.0) == TIMEOUT.format("5")


def test_a_tls_failure_is_found_as_cause_as_context_or_deeper() -> None:
    as_context = httpx.ConnectError("handdruk mislukt")
    as_context.__context__ = ssl.SSLError(1, "bad handshake")
    deeper = connect_error("handdruk mislukt", OSError("socket"))
    assert deeper.__cause__ is not None
    deeper.__cause__.__context__ = ssl.SSLCertVerificationError(1, "hostname mismatch")
    for failure in [as_context, deeper]:
        assert _is_tls(failure)
        assert transport_message(failure, URL, 30.0) == TLS
    assert _is_tls(ssl.SSLError(1, "boom"))
    assert not _is_tls(connect_error("[Errno 111] Connection refused", OSError("refused")))


def test_the_host_in_a_message_is_the_address_with_its_port() -> None:
    assert _host(URL) == HOST
    assert _host("http://localhost/xAPI/statements") == "localhost"
    assert _host("lrs-zonder-schema/statements") == "lrs-zonder-schema/statements"
    refused = connect_error("[Errno 111] Connection refused")
    assert transport_message(refused, "http://10.0.0.7:8080/statements", 30.0) == (
        "De LRS op 10.0.0.7:8080 is niet bereikbaar: de verbinding werd geweigerd, ook na 5 "
        "nieuwe pogingen. Staat de server aan en klopt het adres?"
    )


# The messages for answers that stop the sync


def answer(status: int, **content: Any) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request("POST", URL), **content)


def test_a_wrong_login_is_401_with_what_to_check() -> None:
    assert status_message(answer(401, json={"detail": "Onbekend account"})) == (
        "De LRS kent deze gebruikersnaam of dit wachtwoord niet (401). Controleer username en "
        "password in xapi.toml, of WIJZER_LRS_USERNAME en WIJZER_LRS_PASSWORD. De LRS zegt: "
        "Onbekend account"
    )


def test_no_write_rights_is_403_with_whom_to_ask() -> None:
    assert status_message(answer(403, text="alleen lezen")) == (
        "De LRS laat dit account geen statements schrijven (403). Vraag de beheerder van de LRS "
        "om schrijfrechten voor dit account. De LRS zegt: alleen lezen"
    )


def test_a_wrong_endpoint_is_404_with_the_full_address() -> None:
    assert status_message(answer(404, text="Not Found")) == (
        "Op https://lrs.example.org:8443/xAPI/statements staat geen LRS (404). Controleer het "
        "endpoint in xapi.toml: het is het adres vóór /statements, vaak eindigend op /xAPI/."
    )


@pytest.mark.parametrize("status", [500, 503, 599])
def test_a_server_error_names_its_code_and_the_retries(status: int) -> None:
    assert status_message(answer(status, text="stuk")) == (
        f"De LRS meldt een fout aan haar kant ({status}), ook na 5 nieuwe pogingen. "
        "Probeer het later opnieuw."
    )


@pytest.mark.parametrize("status", [400, 409, 499])
def test_any_other_refusal_gives_the_lrs_its_say(status: int) -> None:
    response = answer(status, json={"detail": "Statement heeft geen actor"})
    assert status_message(response) == (
        f"De LRS weigert de statements ({status}): Statement heeft geen actor"
    )


@pytest.mark.parametrize(
    ("status", "content", "said"),
    [
        (400, {"json": {"detail": "  Statement ongeldig \n"}}, "Statement ongeldig"),
        (400, {"json": {"error": "conflict"}}, "{'error': 'conflict'}"),
        (400, {"json": ["eerste", "tweede"]}, "['eerste', 'tweede']"),
        (400, {"json": "alleen tekst"}, "alleen tekst"),
        (400, {"text": "  Geen geldige JSON\n"}, "Geen geldige JSON"),
        (400, {"content": b""}, "Bad Request"),
        (409, {"content": b""}, "Conflict"),
        (400, {"text": " \n\t "}, "Bad Request"),
        (400, {"json": {"detail": ""}}, "Bad Request"),
        (400, {"text": "a" * 300 + "b"}, "a" * 300),
        (400, {"text": "\n " + "c" * 299 + "de"}, "c" * 299 + "d"),
        (400, {"json": {"detail": "e" * 500}}, "e" * 300),
    ],
    ids=[
        "detail",
        "dict-without-detail",
        "list",
        "json-string",
        "text",
        "empty-400",
        "empty-409",
        "whitespace",
        "empty-detail",
        "301-characters",
        "cut-after-strip",
        "long-detail",
    ],
)
def test_the_lrs_says_why_in_at_most_300_characters(
    status: int, content: dict[str, Any], said: str
) -> None:
    assert detail(answer(status, **content)) == said


def test_a_401_after_a_post_names_the_lrs_reason(sleeps: list[float]) -> None:
    lrs = FakeLrs(httpx.Response(401, json={"detail": "Wachtwoord onjuist"}))
    with client_for(lrs, sleeps) as client:
        response = client.post(BODY)
    assert status_message(response).endswith("De LRS zegt: Wachtwoord onjuist")
    assert sleeps == []


# The client itself


def test_the_client_uses_the_configured_timeout_and_really_sleeps() -> None:
    with LrsClient(config(timeout=12.5), transport=httpx.MockTransport(FakeLrs(200))) as client:
        assert client.client.timeout == httpx.Timeout(12.5)
        assert client.timeout == 12.5
        assert client.url == URL
        assert client.backoff == sync_http.BACKOFF
        assert client.sleep is time.sleep


def test_closing_the_client_closes_the_connection(sleeps: list[float]) -> None:
    client = client_for(FakeLrs(200), sleeps)
    assert not client.client.is_closed
    client.close()
    assert client.client.is_closed
    with client_for(FakeLrs(200), sleeps) as used:
        assert used.post(BODY).status_code == 200
        assert not used.client.is_closed
    assert used.client.is_closed


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The keyword arguments of every httpx.Client the module makes."""
    arguments: list[dict[str, Any]] = []
    real: Callable[..., httpx.Client] = httpx.Client

    def spy(**kwargs: Any) -> httpx.Client:
        arguments.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(sync_http.httpx, "Client", spy)
    return arguments


def test_without_a_ca_file_the_usual_roots_are_trusted(made: list[dict[str, Any]]) -> None:
    LrsClient(config()).close()
    (arguments,) = made
    assert arguments["verify"] is True


def test_an_own_ca_file_is_the_only_authority_trusted(
    tmp_path: Path, made: list[dict[str, Any]]
) -> None:
    bundle = Path(certifi.where()).read_text(encoding="ascii")
    end = "-----END CERTIFICATE-----"
    start = bundle.index("-----BEGIN CERTIFICATE-----")
    (tmp_path / "eigen-ca.pem").write_text(bundle[start : bundle.index(end) + len(end)] + "\n")
    LrsClient(config(ca_file=str(tmp_path / "eigen-ca.pem"))).close()
    (arguments,) = made
    context = arguments["verify"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert len(context.get_ca_certs()) == 1


def test_a_sync_error_is_a_wijzer_error_with_a_dutch_title() -> None:
    assert SyncError.title == "Synchroniseren lukt niet"
    error = SyncError("iets")
    assert isinstance(error, WijzerError)
    assert error.title == "Synchroniseren lukt niet" and str(error) == "iets"


@pytest.mark.parametrize("content", [None, "geen certificaat\n"])
def test_a_ca_file_that_cannot_be_used_is_explained(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "eigen-ca.pem"
    if content is not None:
        path.write_text(content)
    with pytest.raises(SyncError) as info:
        LrsClient(config(ca_file=str(path)))
    assert info.value.message == (
        f"Het certificaatbestand {path} (ca_file in xapi.toml) is niet te gebruiken: het "
        "bestaat niet of er staat geen certificaat in. Controleer het pad, of laat ca_file "
        "weg om de gewone certificaten te vertrouwen."
    )
