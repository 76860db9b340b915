"""`wijzer sync`: send every statement the LRS has not acknowledged yet, exactly once.

The plan: build every learner's statements (the same as `report --format xapi`), drop those in
the ledger, encode the rest. The run: POST them in batches; 200 or 204 (an identical re-send)
acknowledges the whole batch, which goes into the ledger at once. A 409 (the LRS holds a
different statement with the same id) or a 400 rejects a whole batch, so the batch is split in
halves until the statements at fault stand alone: those are reported and never sent again in
this run; the rest goes through. Anything else stops the run with a Dutch message; what was
acknowledged stays in the ledger, so the next sync carries on from there.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from wijzer_tui.domain.content.model import Scenario
from wijzer_tui.domain.progress.records import Attempt, Profile
from wijzer_tui.domain.reports.xapi_config import XapiConfig
from wijzer_tui.domain.reports.xapi_statements import StatementBuilder
from wijzer_tui.domain.sync.http import LrsClient, SyncError, detail, status_message
from wijzer_tui.domain.sync.ledger import Ledger

ACKNOWLEDGED = frozenset({200, 204})
SPLIT = frozenset({400, 409, 413})  # the LRS refuses (part of) a batch: find the statements
# More refusals than this point at something wrong with every statement (or the LRS), not at a
# few: stop rather than send each statement alone.
MAX_REFUSED = 50


@dataclass(frozen=True)
class Pending:
    """One statement still to send: its id, verb name and JSON encoding."""

    id: str
    verb: str
    body: bytes


@dataclass
class Plan:
    """What a sync would send."""

    total: int  # statements in the progress folder
    pending: list[Pending]
    by_verb: Counter[str]  # of the pending statements

    @property
    def already(self) -> int:
        """Statements the LRS acknowledged in an earlier sync."""
        return self.total - len(self.pending)


@dataclass
class Refused:
    """A statement the LRS would not take, with its status and the LRS's reason."""

    id: str
    verb: str
    status: int
    reason: str


@dataclass
class Outcome:
    """What a sync run did."""

    sent: int = 0
    sent_by_verb: Counter[str] = field(default_factory=Counter)
    refused: list[Refused] = field(default_factory=list)
    error: SyncError | None = None  # why the run stopped early, if it did


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Encoder:
    """Statements as compact UTF-8 JSON. The actor, verb, object and context are shared by
    many statements (the builder reuses them), so each is encoded once: that halves the time
    a sync spends before its first POST."""

    SHARED = frozenset({"actor", "verb", "object", "context"})

    def __init__(self) -> None:
        # id -> (the object itself, kept so its id cannot be reused; its encoding)
        self._done: dict[int, tuple[Any, bytes]] = {}

    def _shared(self, value: Any) -> bytes:
        known = self._done.get(id(value))
        if known is None or known[0] is not value:
            known = self._done[id(value)] = (value, _dumps(value))
        return known[1]

    def __call__(self, statement: dict[str, Any]) -> bytes:
        parts = [
            _dumps(key) + b":" + (self._shared(value) if key in self.SHARED else _dumps(value))
            for key, value in statement.items()
        ]
        return b"{" + b",".join(parts) + b"}"


def batch_body(batch: Sequence[Pending]) -> bytes:
    """The POST body of a batch: a JSON array of its statements."""
    return b"[" + b",".join(p.body for p in batch) + b"]"


def make_plan(
    records: Iterable[tuple[Profile, Sequence[Attempt]]],
    scenarios: Sequence[Scenario],
    config: XapiConfig,
    acknowledged: set[str],
) -> Plan:
    """Every statement of the records, and those of them the LRS has not acknowledged."""
    builder = StatementBuilder(scenarios, config)
    encode = Encoder()
    total = 0
    pending = []
    for statement in builder.for_records(records):
        total += 1
        if statement["id"] not in acknowledged:
            verb = statement["verb"]["display"]["en-US"]
            pending.append(Pending(statement["id"], verb, encode(statement)))
    return Plan(total, pending, Counter(p.verb for p in pending))


class Syncer:
    """Sends a plan's statements in batches and keeps the ledger."""

    def __init__(
        self,
        client: LrsClient,
        ledger: Ledger,
        batch_size: int,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.client = client
        self.ledger = ledger
        self.batch_size = batch_size
        self.progress = progress or (lambda _done: None)
        self.outcome = Outcome()

    def run(self, pending: Sequence[Pending]) -> Outcome:
        """Send everything pending; stops early (outcome.error) on what no retry fixes."""
        try:
            for start in range(0, len(pending), self.batch_size):
                self._send(pending[start : start + self.batch_size])
                self.progress(min(start + self.batch_size, len(pending)))
        except SyncError as exc:
            self.outcome.error = exc
        return self.outcome

    def _send(self, batch: Sequence[Pending]) -> None:
        response = self.client.post(batch_body(batch))
        code = response.status_code
        if code in ACKNOWLEDGED:
            self.ledger.record(p.id for p in batch)
            self.outcome.sent += len(batch)
            self.outcome.sent_by_verb.update(p.verb for p in batch)
        elif code in SPLIT and len(batch) > 1:
            middle = len(batch) // 2
            self._send(batch[:middle])
            self._send(batch[middle:])
        elif code in SPLIT:
            only = batch[0]
            self.outcome.refused.append(Refused(only.id, only.verb, code, detail(response)))
            if len(self.outcome.refused) >= MAX_REFUSED:
                raise SyncError(
                    f"De LRS weigert al {MAX_REFUSED} statements ({code}): {detail(response)} "
                    "Er is meer mis dan een enkel statement; controleer de LRS."
                )
        else:
            raise SyncError(status_message(response))
