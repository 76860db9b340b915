"""The sync ledger, byte for byte: which file belongs to which LRS and account, what the file holds
(a header naming the LRS, then one acknowledged id per line), how it comes through a line cut off
by a crash or bytes that are not UTF-8, and the Dutch message when it cannot be read or written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from wijzer_tui.domain.errors import StoreError
from wijzer_tui.domain.sync.ledger import Ledger

ENDPOINT = "https://lrs.example.nl/xAPI/"
IDS = [f"{n:08x}-0000-5000-8000-00000000000{n}" for n in range(4)]
HEADER = "# wijzer sync: statements erkend door https://lrs.example.nl/xAPI (wijzer)\n"


def test_the_ledger_is_named_after_the_endpoint_without_its_trailing_slashes_and_the_account(
    tmp_path: Path,
) -> None:
    ledger = Ledger(tmp_path, ENDPOINT, "wijzer")
    assert ledger.label == "https://lrs.example.nl/xAPI (wijzer)"
    # The first 16 hex digits of the label's SHA-256: the file must never move, or every
    # statement would be sent again.
    assert ledger.path == tmp_path / "sync" / "1421886a1bfdf28e.txt"
    assert Ledger(tmp_path, "https://lrs.example.nl/xAPI", "wijzer").path == ledger.path
    other = Ledger(tmp_path, "https://lrs.example.nl/LRSX//", "wijzer")
    assert other.label == "https://lrs.example.nl/LRSX (wijzer)"
    assert other.path == tmp_path / "sync" / "3fe04f45da64bf59.txt"


def test_without_a_username_the_ledger_is_of_the_lrs_without_an_account(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path, ENDPOINT, "")
    assert ledger.label == "https://lrs.example.nl/xAPI (zonder account)"
    assert ledger.path == tmp_path / "sync" / "6b7b98ab2909df3c.txt"
    ledger.record(IDS[:1])
    assert ledger.path.read_text(encoding="utf-8") == (
        f"# wijzer sync: statements erkend door https://lrs.example.nl/xAPI (zonder account)\n"
        f"{IDS[0]}\n"
    )


def test_the_ledger_file_is_a_header_then_one_id_per_line_appended_batch_by_batch(
    tmp_path: Path,
) -> None:
    ledger = Ledger(tmp_path, ENDPOINT, "wijzer")
    assert ledger.acknowledged() == set()
    ledger.record([])
    assert not ledger.path.parent.exists()  # nothing acknowledged: no file, no folder
    ledger.record(IDS[:2])
    ledger.record(iter(IDS[2:3]))
    ledger.record([])
    ledger.record(IDS[3:])
    assert ledger.path.read_text(encoding="utf-8") == HEADER + "".join(f"{i}\n" for i in IDS)
    assert ledger.acknowledged() == set(IDS)
    assert stat.S_IMODE(ledger.path.stat().st_mode) == 0o600  # the learners' ids: private
    assert stat.S_IMODE(ledger.path.parent.stat().st_mode) == 0o700


def test_after_a_line_cut_off_by_a_crash_the_next_ids_start_on_a_fresh_line(
    tmp_path: Path,
) -> None:
    ledger = Ledger(tmp_path, ENDPOINT, "wijzer")
    ledger.record(IDS[:1])
    with ledger.path.open("a", encoding="utf-8") as handle:
        handle.write(IDS[1][:20])  # the crash
    assert ledger.acknowledged() == {IDS[0]}
    ledger.record(IDS[1:3])
    assert ledger.path.read_text(encoding="utf-8") == (
        f"{HEADER}{IDS[0]}\n{IDS[1][:20]}\n{IDS[1]}\n{IDS[2]}\n"
    )
    assert ledger.acknowledged() == set(IDS[:3])


def test_bytes_that_are_no_utf8_do_not_hide_the_ids_around_them(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path, ENDPOINT, "wijzer")
    ledger.record(IDS[:2])
    with ledger.path.open("ab") as handle:
        handle.write(b"\xff\xfe kapot \xc3\n" + IDS[2].encode() + b"\n")
    assert ledger.acknowledged() == set(IDS[:3])


def test_a_ledger_that_cannot_be_read_is_said_in_dutch(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path, ENDPOINT, "wijzer")
    ledger.path.mkdir(parents=True)  # a folder where the file should be
    with pytest.raises(StoreError) as error:
        ledger.acknowledged()
    assert (
        error.value.message
        == f"{ledger.path} kon niet worden gelezen (dit is een map, geen bestand)."
    )
    assert error.value.title == "Probleem met je voortgang"


def test_a_ledger_that_cannot_be_opened_for_writing_is_said_in_dutch(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path, ENDPOINT, "wijzer")
    ledger.path.mkdir(parents=True)
    with pytest.raises(StoreError) as error:
        ledger.record(IDS[:1])
    assert (
        error.value.message
        == f"{ledger.path} kon niet worden geschreven (dit is een map, geen bestand)."
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_said_in_dutch(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path, ENDPOINT, "wijzer")
    ledger.path.parent.mkdir(mode=0o700)
    ledger.path.symlink_to("/dev/full")  # every write: no space left on the device
    with pytest.raises(StoreError) as error:
        ledger.record(IDS[:1])
    assert error.value.message == f"{ledger.path} kon niet worden geschreven (de schijf is vol)."
