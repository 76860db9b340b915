"""`wijzer serve` on the command line: safe by default, Dutch messages, clean stop."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from browser import start_server

from wijzer_tui.cli import main
from wijzer_tui.cli_serve import is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.8.8", "::1", "[::1]", "localhost"])
def test_only_this_computer_counts_as_loopback(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "laptop-zaal"])
def test_every_other_address_is_the_network(host: str) -> None:
    assert not is_loopback(host)


def test_the_network_needs_the_explicit_flag(tmp_path: Path, capsys) -> None:
    code = main(["--progress-dir", str(tmp_path), "serve", "--host", "0.0.0.0", "--port", "0"])
    err = capsys.readouterr().err
    assert code == 1
    assert "iedereen op het netwerk" in err and "--netwerk" in err
    assert "Traceback" not in err


def test_with_the_flag_it_listens_and_warns_in_dutch(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--host", "0.0.0.0", "--netwerk")
    code, output = server.stop()
    assert code == 0
    assert (
        "Let op: wijzer is nu te openen voor iedereen op dit netwerk, zonder wachtwoord." in output
    )
    assert "ziet alle deelnemers" in output
    assert "Gestopt. Wat je had opgeslagen, blijft bewaard." in output


def test_loopback_says_where_to_go_and_where_progress_is(tmp_path: Path) -> None:
    folder = tmp_path / "uit-de-omgeving"
    server = start_server(None, env={"WIJZER_PROGRESS_DIR": str(folder)})
    code, output = server.stop()
    assert server.url.startswith("http://127.0.0.1:")
    assert f"Voortgang: {folder}" in output
    assert "Let op" not in output  # no network warning on loopback
    assert code == 0


def test_a_busy_port_gets_a_dutch_message(tmp_path: Path, capsys) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--progress-dir", str(tmp_path), "serve", "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"Poort {port} is al in gebruik" in err


def test_a_port_that_does_not_exist_is_refused_in_dutch(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--port", "70000"])
    assert "poort 70000 bestaat niet" in capsys.readouterr().err


def test_without_the_web_extra_it_says_how_to_install(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "wijzer_tui.web", None)  # import fails as if not installed
    code = main(["--progress-dir", str(tmp_path), "serve", "--port", "0"])
    assert code == 1
    assert "pip install 'wijzer[web]'" in capsys.readouterr().err


def test_an_unknown_address_is_refused_in_dutch(tmp_path: Path, capsys) -> None:
    argv = ["--progress-dir", str(tmp_path), "serve", "--host", "nergens.invalid", "--netwerk"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Op adres 'nergens.invalid' kan wijzer niet luisteren" in err
    assert "Traceback" not in err
