"""`wijzer sync` end to end against a fake LRS in memory (an httpx.MockTransport), fast.

Pinned, as the real-LRS tests in test_sync_lrs.py do it slowly: every statement reaches the LRS
exactly once, as the bytes the report builds (compact JSON, non-ASCII kept as UTF-8), in batches
of the set size; a sync that stops halfway loses nothing and the next one carries on from the
ledger; a statement the LRS refuses (409, 400) is split out of its batch and reported, the rest
goes through; what stops a sync says so in Dutch, word for word. The fake LRS keeps what it is
sent, a batch all or nothing, and never sleeps: the waits between retries are only recorded.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from report_fixtures import ALFA, SCENARIOS, done, records

from wijzer_tui.domain.progress.records import Attempt, Profile
from wijzer_tui.domain.reports.xapi_config import XapiConfig
from wijzer_tui.domain.reports.xapi_statements import StatementBuilder
from wijzer_tui.domain.sync import send
from wijzer_tui.domain.sync.http import LrsClient
from wijzer_tui.domain.sync.ledger import Ledger
from wijzer_tui.domain.sync.send import (
    MAX_REFUSED,
    Encoder,
    Outcome,
    Pending,
    Refused,
    Syncer,
    make_plan,
)

IRI = "https://leren.example.nl/wijzer"
CONFIG = XapiConfig(
    iri_base=IRI,
    endpoint="https://lrs.example.nl/xAPI/",
    username="wijzer",
    password="geheim",
    send_names=True,
)
HEADER = "# wijzer sync: statements erkend door https://lrs.example.nl/xAPI (wijzer)\n"
SERVER_ERROR = (
    "De LRS meldt een fout aan haar kant (500), ook na 5 nieuwe pogingen. "
    "Probeer het later opnieuw."
)
WRONG_LOGIN = (
    "De LRS kent deze gebruikersnaam of dit wachtwoord niet (401). Controleer username en "
    "password in xapi.toml, of WIJZER_LRS_USERNAME en WIJZER_LRS_PASSWORD. De LRS zegt: "
    "Onbekend account."
)


class FakeLrs:
    """An LRS in memory. It takes a batch whole or not at all: 200 with the ids of the new
    statements, 204 when it holds every one of them already, unchanged; 409 when an id holds a
    different statement; 400 when a statement's id is one of `invalid`. `outage` maps a request
    (1 = the first, retries count) to a (status, detail) answered instead."""

    def __init__(
        self,
        *,
        holds: Iterable[dict[str, Any]] = (),
        invalid: Iterable[str] = (),
        outage: dict[int, tuple[int, str]] | None = None,
    ) -> None:
        self.stored = {s["id"]: s for s in holds}
        self.invalid = set(invalid)
        self.outage = outage or {}
        self.bodies: list[bytes] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(request.content)
        if len(self.bodies) in self.outage:
            status, reason = self.outage[len(self.bodies)]
            return httpx.Response(status, json={"detail": reason})
        batch = json.loads(request.content)
        for statement in batch:
            if statement["id"] in self.invalid:
                return httpx.Response(
                    400, json={"detail": f"Ongeldig statement {statement['id']}."}
                )
            if self.stored.get(statement["id"], statement) != statement:
                return httpx.Response(
                    409, json={"detail": f"Ander statement onder {statement['id']}."}
                )
        new = [s for s in batch if s["id"] not in self.stored]
        self.stored.update((s["id"], s) for s in new)
        return httpx.Response(200, json=[s["id"] for s in new]) if new else httpx.Response(204)

    def batches(self) -> list[list[str]]:
        """The statement ids of every request, in order."""
        return [[s["id"] for s in json.loads(body)] for body in self.bodies]


def learners() -> list[tuple[Profile, Sequence[Attempt]]]:
    """The four report learners (26 statements) and Zoë, who finished alfa (3 statements)."""
    zoe = Profile("zoe", "Zoë", "wijkteam", "Org C", "Team Oost", "2025-03-01T12:00:00+00:00")
    return [*records(), (zoe, [done("zoe", "zoe-a1", ALFA, 10, ["o1", "o2", "o3"], 100)])]


def built() -> list[dict[str, Any]]:
    """Every statement, as `report --format xapi` builds them."""
    return list(StatementBuilder(SCENARIOS, CONFIG).for_records(learners()))


def compact(statement: dict[str, Any]) -> bytes:
    return json.dumps(statement, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ledger_of(folder: Path) -> Ledger:
    return Ledger(folder, CONFIG.endpoint, CONFIG.username)


def run(
    lrs: FakeLrs,
    folder: Path,
    batch_size: int = 10,
    progress: Callable[[int], None] | None = None,
    pending: Sequence[Pending] | None = None,
) -> tuple[Outcome, list[float]]:
    """One sync of what the ledger in `folder` lacks; returns its outcome and the waits."""
    sleeps: list[float] = []
    if pending is None:
        plan = make_plan(learners(), SCENARIOS, CONFIG, ledger_of(folder).acknowledged())
        pending = plan.pending
    transport = httpx.MockTransport(lrs)
    with LrsClient(CONFIG, sleep=sleeps.append, transport=transport) as client:
        outcome = Syncer(client, ledger_of(folder), batch_size, progress).run(pending)
    return outcome, sleeps


# How a statement is encoded


def test_a_statement_goes_out_as_compact_json_with_its_non_ascii_kept_as_utf8() -> None:
    actor = {
        "objectType": "Agent",
        "account": {"homePage": IRI, "name": "zoe"},
        "name": "Zoë",
    }
    statement = {
        "id": "00000000-0000-5000-8000-000000000001",
        "actor": actor,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {"objectType": "Activity", "id": f"{IRI}/casus/alfa/kies"},
        "context": {"registration": "r-1", "language": "nl-NL", "platform": "wijzer"},
        "result": {"response": "één idee", "score": {"scaled": 0.5, "raw": 1}, "completion": True},
        "timestamp": "2025-03-10T11:00:00Z",
    }
    encoded = Encoder()(statement)
    assert (
        encoded
        == (
            '{"id":"00000000-0000-5000-8000-000000000001",'
            '"actor":{"objectType":"Agent","account":{"homePage":"https://leren.example.nl/wijzer",'
            '"name":"zoe"},"name":"Zoë"},'
            '"verb":{"id":"http://adlnet.gov/expapi/verbs/answered","display":{"en-US":"answered"}},'
            '"object":{"objectType":"Activity","id":"https://leren.example.nl/wijzer/casus/alfa/kies"},'
            '"context":{"registration":"r-1","language":"nl-NL","platform":"wijzer"},'
            '"result":{"response":"één idee","score":{"scaled":0.5,"raw":1},"completion":true},'
            '"timestamp":"2025-03-10T11:00:00Z"}'
        ).encode()
    )
    assert b'"name":"Zo\xc3\xab"' in encoded and b'"response":"\xc3\xa9\xc3\xa9n idee"' in encoded
    assert encoded == compact(statement)


def test_the_actor_verb_object_and_context_are_encoded_once_everything_else_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dumped: list[Any] = []
    dumps = send._dumps

    def recording(value: Any) -> bytes:
        dumped.append(value)
        return dumps(value)

    monkeypatch.setattr(send, "_dumps", recording)
    actor, verb, thing, context = {"a": 1}, {"v": 2}, {"o": 3}, {"c": 4}
    when = "2025-03-10T11:00:00Z"  # one object in both statements, yet not a shared part
    first = {"id": "1", "actor": actor, "verb": verb, "object": thing, "context": context}
    second = {**first, "id": "2", "timestamp": when}
    third = {**first, "id": "3", "timestamp": when, "actor": {"a": 1}}  # equal, not the same
    encode = Encoder()
    assert [encode(s) for s in (first, second, third)] == [
        b'{"id":"1","actor":{"a":1},"verb":{"v":2},"object":{"o":3},"context":{"c":4}}',
        b'{"id":"2","actor":{"a":1},"verb":{"v":2},"object":{"o":3},"context":{"c":4},'
        b'"timestamp":"2025-03-10T11:00:00Z"}',
        b'{"id":"3","actor":{"a":1},"verb":{"v":2},"object":{"o":3},"context":{"c":4},'
        b'"timestamp":"2025-03-10T11:00:00Z"}',
    ]
    keys = ["id", "actor", "verb", "object", "context"]
    assert dumped == [
        *["id", "1", "actor", actor, "verb", verb, "object", thing, "context", context],
        *["id", "2", *keys[1:], "timestamp", when],
        *["id", "3", "actor", {"a": 1}, *keys[2:], "timestamp", when],
    ]


def test_a_batch_is_one_json_array_of_its_statements_as_encoded() -> None:
    batch = [Pending("1", "answered", b'{"id":"1"}'), Pending("2", "completed", b'{"id":"2"}')]
    assert send.batch_body(batch) == b'[{"id":"1"},{"id":"2"}]'
    assert send.batch_body(batch[:1]) == b'[{"id":"1"}]'


# The plan


def test_the_plan_counts_every_statement_and_keeps_back_only_what_the_lrs_has() -> None:
    statements = built()
    acknowledged = {s["id"] for s in statements[:3]} | {"ffffffff-0000-5000-8000-000000000000"}
    plan = make_plan(learners(), SCENARIOS, CONFIG, acknowledged)
    # By hand: 10 attempts begun, 10 answers sent (Anna's private reflection is not), 8 finished,
    # 1 stopped; the first three (Anna's first attempt) are in the LRS already.
    assert (plan.total, plan.already, len(plan.pending)) == (29, 3, 26)
    assert plan.by_verb == Counter(initialized=9, answered=9, completed=7, terminated=1)
    assert [p.id for p in plan.pending] == [s["id"] for s in statements[3:]]
    assert [p.verb for p in plan.pending] == [
        s["verb"]["id"].rsplit("/", 1)[1] for s in statements[3:]
    ]
    assert [p.body for p in plan.pending] == [compact(s) for s in statements[3:]]
    everything = make_plan(learners(), SCENARIOS, CONFIG, set())
    assert (everything.total, everything.already, len(everything.pending)) == (29, 0, 29)
    nothing = make_plan([], SCENARIOS, CONFIG, set())
    assert (nothing.total, nothing.already, nothing.pending, nothing.by_verb) == (0, 0, [], {})


# A sync


def test_a_sync_posts_every_statement_once_in_batches_and_records_each_batch(
    tmp_path: Path,
) -> None:
    statements = built()
    lrs = FakeLrs()
    done_so_far: list[int] = []
    outcome, sleeps = run(lrs, tmp_path, progress=done_so_far.append)
    encoded = [compact(s) for s in statements]
    assert lrs.bodies == [
        b"[" + b",".join(encoded[0:10]) + b"]",
        b"[" + b",".join(encoded[10:20]) + b"]",
        b"[" + b",".join(encoded[20:29]) + b"]",
    ]
    zoe = b'"actor":{"objectType":"Agent","account":{"homePage":"' + IRI.encode()
    assert lrs.bodies[2].count(zoe + b'","name":"zoe"},"name":"Zo\xc3\xab"}') == 3
    assert done_so_far == [10, 20, 29] and sleeps == []
    assert outcome.sent == 29 and outcome.refused == [] and outcome.error is None
    assert outcome.sent_by_verb == Counter(initialized=10, answered=10, completed=8, terminated=1)
    assert lrs.stored == {s["id"]: s for s in statements}
    ids = [s["id"] for s in statements]
    assert ledger_of(tmp_path).path.read_text(encoding="utf-8") == HEADER + "".join(
        f"{i}\n" for i in ids
    )


@pytest.mark.parametrize(
    ("batch_size", "sizes", "progress"),
    [
        (1, [1] * 29, list(range(1, 30))),
        (28, [28, 1], [28, 29]),
        (29, [29], [29]),
        (30, [29], [29]),
    ],
)
def test_batches_are_as_large_as_set_the_last_one_takes_the_rest(
    tmp_path: Path, batch_size: int, sizes: list[int], progress: list[int]
) -> None:
    lrs = FakeLrs()
    done_so_far: list[int] = []
    outcome, _ = run(lrs, tmp_path, batch_size, done_so_far.append)
    assert [len(ids) for ids in lrs.batches()] == sizes
    assert [i for ids in lrs.batches() for i in ids] == [s["id"] for s in built()]
    assert done_so_far == progress and outcome.sent == 29


def test_a_second_sync_sends_nothing_and_a_killed_one_re_sends_only_its_last_batch(
    tmp_path: Path,
) -> None:
    statements = built()
    lrs = FakeLrs()
    run(lrs, tmp_path)
    again = make_plan(learners(), SCENARIOS, CONFIG, ledger_of(tmp_path).acknowledged())
    assert (again.total, again.already, again.pending) == (29, 29, [])

    # Killed after the LRS took the last batch, before the ledger had it: the LRS holds all.
    ledger = ledger_of(tmp_path)
    kept = ledger.path.read_text(encoding="utf-8").splitlines(keepends=True)[:21]
    ledger.path.write_text("".join(kept), encoding="utf-8")
    relay = FakeLrs(holds=statements)
    outcome, _ = run(relay, tmp_path)
    assert relay.batches() == [[s["id"] for s in statements[20:]]]  # answered 204: no change
    assert outcome.sent == 9 and outcome.sent_by_verb == Counter(
        initialized=3, answered=3, completed=2, terminated=1
    )
    assert relay.stored == {s["id"]: s for s in statements}
    assert ledger_of(tmp_path).acknowledged() == {s["id"] for s in statements}


def test_lasting_500s_stop_the_sync_in_dutch_and_the_next_sync_carries_on(
    tmp_path: Path,
) -> None:
    statements = built()
    # The second batch fails on its first try and its five retries.
    lrs = FakeLrs(outage={n: (500, "Interne fout.") for n in range(2, 8)})
    done_so_far: list[int] = []
    outcome, sleeps = run(lrs, tmp_path, progress=done_so_far.append)
    assert outcome.error is not None
    assert outcome.error.message == SERVER_ERROR
    assert outcome.error.title == "Synchroniseren lukt niet"
    assert (outcome.sent, outcome.refused, done_so_far) == (10, [], [10])
    assert len(sleeps) == 5 and len(lrs.bodies) == 7
    first = {s["id"] for s in statements[:10]}
    assert ledger_of(tmp_path).acknowledged() == first == lrs.stored.keys()

    later, _ = run(lrs, tmp_path)
    assert later.error is None and later.sent == 19
    assert lrs.batches()[7:] == [
        [s["id"] for s in statements[10:20]],
        [s["id"] for s in statements[20:]],
    ]
    assert lrs.stored == {s["id"]: s for s in statements}
    assert ledger_of(tmp_path).acknowledged() == lrs.stored.keys()


def test_wrong_credentials_stop_the_sync_in_dutch_before_anything_is_recorded(
    tmp_path: Path,
) -> None:
    lrs = FakeLrs(outage={1: (401, "Onbekend account.")})
    outcome, sleeps = run(lrs, tmp_path)
    assert outcome.error is not None and outcome.error.message == WRONG_LOGIN
    assert (outcome.sent, outcome.refused, sleeps, len(lrs.bodies)) == (0, [], [], 1)
    assert lrs.stored == {} and not ledger_of(tmp_path).path.exists()


# Statements the LRS refuses


def test_a_conflict_is_split_out_of_its_batch_reported_and_the_rest_goes_through(
    tmp_path: Path,
) -> None:
    statements = built()
    # The LRS holds something else under the ids of statements 3 and 14.
    other = [{**statements[n], "timestamp": "2024-01-01T00:00:00Z"} for n in (3, 14)]
    lrs = FakeLrs(holds=other)
    outcome, _ = run(lrs, tmp_path)
    ids = [s["id"] for s in statements]
    halves = [
        ids[0:10],  # 409
        ids[0:5],  # 409
        ids[0:2],
        ids[2:5],  # 409
        ids[2:3],
        ids[3:5],  # 409
        ids[3:4],  # 409: refused
        ids[4:5],
        ids[5:10],
        ids[10:20],  # 409
        ids[10:15],  # 409
        ids[10:12],
        ids[12:15],  # 409
        ids[12:13],
        ids[13:15],  # 409
        ids[13:14],
        ids[14:15],  # 409: refused
        ids[15:20],
        ids[20:29],
    ]
    assert lrs.batches() == halves
    assert outcome.refused == [
        Refused(ids[3], "initialized", 409, f"Ander statement onder {ids[3]}."),
        Refused(ids[14], "initialized", 409, f"Ander statement onder {ids[14]}."),
    ]
    assert outcome.sent == 27 and outcome.error is None
    assert outcome.sent_by_verb == Counter(initialized=8, answered=10, completed=8, terminated=1)
    assert ledger_of(tmp_path).acknowledged() == set(ids) - {ids[3], ids[14]}
    assert lrs.stored == {s["id"]: s for s in statements} | {s["id"]: s for s in other}


@pytest.mark.parametrize("bad", [0, 1])
def test_a_batch_of_two_is_halved_and_only_the_statement_at_fault_is_refused(
    tmp_path: Path, bad: int
) -> None:
    statements = built()
    ids = [s["id"] for s in statements]
    lrs = FakeLrs(invalid=[ids[bad]])
    outcome, _ = run(lrs, tmp_path, batch_size=2)
    assert lrs.batches()[:3] == [ids[0:2], ids[0:1], ids[1:2]]
    assert outcome.refused == [
        Refused(ids[bad], ["initialized", "answered"][bad], 400, f"Ongeldig statement {ids[bad]}.")
    ]
    assert outcome.sent == 28 and outcome.error is None
    assert ledger_of(tmp_path).acknowledged() == set(ids) - {ids[bad]}


def pending_statements(count: int) -> list[Pending]:
    ids = [f"{n:08x}-0000-5000-8000-000000000000" for n in range(count)]
    return [Pending(i, "answered", b'{"id":"' + i.encode() + b'"}') for i in ids]


def test_fifty_refused_statements_stop_the_sync_forty_nine_do_not(tmp_path: Path) -> None:
    pending = pending_statements(MAX_REFUSED + 10)
    lrs = FakeLrs(invalid=[p.id for p in pending])
    outcome, _ = run(lrs, tmp_path, batch_size=MAX_REFUSED - 1, pending=pending)
    assert MAX_REFUSED == 50
    assert outcome.error is not None
    assert outcome.error.message == (
        f"De LRS weigert al 50 statements (400): Ongeldig statement {pending[49].id}. "
        "Er is meer mis dan een enkel statement; controleer de LRS."
    )
    assert outcome.refused == [
        Refused(p.id, "answered", 400, f"Ongeldig statement {p.id}.") for p in pending[:50]
    ]
    assert outcome.sent == 0 and ledger_of(tmp_path).acknowledged() == set()

    fewer = FakeLrs(invalid=[p.id for p in pending[:49]])
    outcome, _ = run(fewer, tmp_path, batch_size=100, pending=pending)
    assert outcome.error is None and len(outcome.refused) == 49 and outcome.sent == 11
    assert ledger_of(tmp_path).acknowledged() == {p.id for p in pending[49:]}
