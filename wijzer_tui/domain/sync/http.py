"""The HTTP side of `wijzer sync`: POST a batch of statements to the LRS, retrying what may pass.

httpx does the HTTP (connection reuse, timeouts, TLS with certifi's roots or an own CA file).
Network errors, timeouts, 429 and 5xx answers are retried with exponential backoff and jitter;
every other answer goes back to the caller. What cannot be fixed by waiting (bad credentials, a
wrong address, a certificate that does not match) becomes a SyncError with a Dutch message.
"""

from __future__ import annotations

import random
import ssl
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from wijzer_tui.domain.errors import WijzerError
from wijzer_tui.domain.reports.xapi_config import XapiConfig

XAPI_VERSION = "1.0.3"
RETRIES = 5  # after the first try
BACKOFF = 0.5  # seconds before the first retry; doubles each time
MAX_BACKOFF = 15.0
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class SyncError(WijzerError):
    """The LRS could not take the statements; the message says why and what to do (Dutch)."""

    title = "Synchroniseren lukt niet"


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


def _is_tls(exc: BaseException) -> bool:
    """True when a connection failed on TLS (certificate, protocol), which no retry fixes."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc) or "SSL" in str(exc)


def transport_message(exc: httpx.TransportError, url: str, timeout: float) -> str:
    """A Dutch message for a network failure that lasted through every retry."""
    host = _host(url)
    if isinstance(exc, httpx.TimeoutException):
        return (
            f"De LRS op {host} gaf binnen {timeout:g} seconden geen antwoord, ook niet na "
            f"{RETRIES} nieuwe pogingen. Is de server overbelast? Probeer het later opnieuw, of "
            "zet een ruimere timeout in xapi.toml."
        )
    if _is_tls(exc):
        return (
            f"De beveiligde verbinding (TLS) met {host} lukt niet: het certificaat van de "
            "server wordt niet vertrouwd of klopt niet bij het adres. Controleer het adres. "
            "Gebruikt je organisatie een eigen certificaatautoriteit, zet die dan als ca_file "
            "in xapi.toml."
        )
    if isinstance(exc, httpx.ConnectError):
        reason = str(exc).lower()
        if "name or service" in reason or "nodename" in reason or "getaddrinfo" in reason:
            return f"Het adres {host} is onbekend. Controleer het endpoint van de LRS."
        return (
            f"De LRS op {host} is niet bereikbaar: de verbinding werd geweigerd, ook na "
            f"{RETRIES} nieuwe pogingen. Staat de server aan en klopt het adres?"
        )
    return (
        f"De verbinding met de LRS op {host} viel weg, ook na {RETRIES} nieuwe pogingen. "
        "Probeer het later opnieuw."
    )


def status_message(response: httpx.Response) -> str:
    """A Dutch message for an answer that stops the sync (401, 403, 404, other errors)."""
    url = str(response.request.url)
    code = response.status_code
    if code == 401:
        return (
            "De LRS kent deze gebruikersnaam of dit wachtwoord niet (401). Controleer "
            "username en password in xapi.toml, of WIJZER_LRS_USERNAME en WIJZER_LRS_PASSWORD. "
            f"De LRS zegt: {detail(response)}"
        )
    if code == 403:
        return (
            "De LRS laat dit account geen statements schrijven (403). Vraag de beheerder van "
            f"de LRS om schrijfrechten voor dit account. De LRS zegt: {detail(response)}"
        )
    if code == 404:
        return (
            f"Op {url} staat geen LRS (404). Controleer het endpoint in xapi.toml: het is het "
            "adres vóór /statements, vaak eindigend op /xAPI/."
        )
    if code >= 500:
        return (
            f"De LRS meldt een fout aan haar kant ({code}), ook na {RETRIES} nieuwe pogingen. "
            "Probeer het later opnieuw."
        )
    return f"De LRS weigert de statements ({code}): {detail(response)}"


def detail(response: httpx.Response) -> str:
    """The LRS's own explanation of an answer, short."""
    try:
        body = response.json()
        text = body.get("detail", body) if isinstance(body, dict) else body
    except ValueError:
        text = response.text
    return str(text).strip()[:300] or response.reason_phrase


def _trusted(ca_file: str) -> ssl.SSLContext | bool:
    """What the client trusts: the own certificate authority in `ca_file`, else the usual roots."""
    if not ca_file:
        return True
    try:
        return ssl.create_default_context(cafile=ca_file)
    except (OSError, ssl.SSLError) as exc:  # missing, unreadable, or no certificate in it
        raise SyncError(
            f"Het certificaatbestand {ca_file} (ca_file in xapi.toml) is niet te gebruiken: "
            "het bestaat niet of er staat geen certificaat in. Controleer het pad, of laat "
            "ca_file weg om de gewone certificaten te vertrouwen."
        ) from exc


class LrsClient:
    """POSTs statement batches to one LRS with one reused connection."""

    def __init__(
        self,
        config: XapiConfig,
        *,
        backoff: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = config.statements_url
        self.timeout = config.timeout
        self.backoff = BACKOFF if backoff is None else backoff
        self.sleep = sleep
        auth = (config.username, config.password) if config.username else None
        self.client = httpx.Client(
            auth=auth,
            timeout=config.timeout,
            verify=_trusted(config.ca_file),
            headers={"X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"},
            transport=transport,  # None: the network; tests give an httpx.MockTransport
        )

    def close(self) -> None:
        """Close the connection."""
        self.client.close()

    def __enter__(self) -> LrsClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _wait(self, attempt: int, response: httpx.Response | None = None) -> None:
        delay = min(MAX_BACKOFF, self.backoff * 2**attempt) * random.uniform(0.5, 1.0)
        retry_after = response.headers.get("Retry-After", "") if response is not None else ""
        if retry_after.isascii() and retry_after.isdigit():  # "²" is a digit too, no number
            delay = min(MAX_BACKOFF, max(delay, float(retry_after)))
        self.sleep(delay)

    def post(self, body: bytes) -> httpx.Response:
        """POST one batch (a JSON array); retries network errors, timeouts, 429 and 5xx.

        Returns the last answer, whatever its status; raises SyncError when the LRS could not
        be reached at all.
        """
        for attempt in range(RETRIES + 1):
            try:
                response = self.client.post(self.url, content=body)
            except httpx.TransportError as exc:
                if _is_tls(exc) or attempt == RETRIES:
                    raise SyncError(transport_message(exc, self.url, self.timeout)) from exc
                self._wait(attempt)
                continue
            if response.status_code not in RETRY_STATUS or attempt == RETRIES:
                return response
            self._wait(attempt, response)
        raise AssertionError("unreachable")  # pragma: no mutate (the loop always returns or raises)
