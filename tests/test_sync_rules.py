"""Sync rules pinned byte for byte: the xAPI headers are sent spelled as the xAPI specification
spells them, and the ledger decides whether a cut-off line needs a fresh start from the one byte
before the size the file had when the append began."""

from __future__ import annotations

from pathlib import Path

import httpx

from wijzer_tui.domain.reports.xapi_config import XapiConfig
from wijzer_tui.domain.sync.http import LrsClient
from wijzer_tui.domain.sync.ledger import Ledger


def test_the_xapi_headers_go_out_spelled_as_the_specification_spells_them() -> None:
    sent: list[list[tuple[bytes, bytes]]] = []

    def lrs(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers.raw)
        return httpx.Response(200)

    settings = XapiConfig(endpoint="https://lrs.example.org/xAPI/")
    with LrsClient(settings, transport=httpx.MockTransport(lrs)) as client:
        client.post(b"[]")
    (raw,) = sent
    ours = [(k, v) for k, v in raw if k.lower() in {b"x-experience-api-version", b"content-type"}]
    assert ours == [(b"X-Experience-API-Version", b"1.0.3"), (b"Content-Type", b"application/json")]


def test_the_ledger_looks_at_the_last_byte_of_what_the_file_held_then(tmp_path: Path) -> None:
    """Another sync may have appended since: only the byte at `size - 1` counts."""
    ledger = Ledger(tmp_path, "https://lrs.example.nl/xAPI/", "wijzer")
    ledger.path.parent.mkdir()
    ledger.path.write_bytes(b"# kop\nabc\nxyz")
    assert ledger._ends_with_newline(10) is True
    assert ledger._ends_with_newline(9) is False
    assert ledger._ends_with_newline(13) is False
