"""Every rule of the xAPI settings, word for word as the coordinator reads it: the defaults, each
setting from xapi.toml and from its environment variable (which wins), where the settings came
from, every limit one over and exactly at it, and each Dutch refusal naming the file or variable
and the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.reports.xapi_config import ConfigError, XapiConfig, load_config

KNOWN = "iri_base, homepage, send_names, endpoint, username, password, ca_file, batch_size, timeout"


def write(folder: Path, text: str | bytes, mode: int = 0o600) -> Path:
    path = folder / "xapi.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def refusal(folder: Path, environ: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(folder, environ or {})
    assert caught.value.title == "Probleem met de xAPI-instellingen"
    return caught.value.message


def test_without_file_or_environment_every_default_applies(tmp_path: Path) -> None:
    config = load_config(tmp_path, {})
    assert config == XapiConfig(
        iri_base="https://wijzer.invalid",
        homepage="",
        send_names=False,
        endpoint="",
        username="",
        password="",
        ca_file="",
        batch_size=500,
        timeout=30.0,
        source="standaardwaarden",
    )
    assert config.account_homepage == "https://wijzer.invalid"
    assert config.statements_url == "/statements"


def test_an_empty_file_counts_as_no_file(tmp_path: Path) -> None:
    write(tmp_path, "")
    assert load_config(tmp_path, {}).source == "standaardwaarden"


def test_every_setting_comes_from_the_file_and_the_file_is_named_as_source(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'iri_base = "  https://leren.example.nl/wijzer/  "\n'
        'homepage = "https://leren.example.nl/"\n'
        'send_names = "ja"\n'
        'endpoint = "https://lrs.example.nl/xAPI/"\n'
        'username = " wijzer "\n'
        'password = "geheim"\n'
        'ca_file = "/etc/ssl/lrs.pem"\n'
        "batch_size = 250\n"
        "timeout = 12.5\n",
    )
    assert load_config(tmp_path, {}) == XapiConfig(
        iri_base="https://leren.example.nl/wijzer",
        homepage="https://leren.example.nl",
        send_names=True,
        endpoint="https://lrs.example.nl/xAPI",
        username="wijzer",
        password="geheim",
        ca_file="/etc/ssl/lrs.pem",
        batch_size=250,
        timeout=12.5,
        source=str(path),
    )


def test_every_setting_comes_from_its_environment_variable(tmp_path: Path) -> None:
    environ = {
        "WIJZER_XAPI_IRI_BASE": "http://intern.example.nl/",
        "WIJZER_XAPI_HOMEPAGE": "https://leren.example.nl//",
        "WIJZER_XAPI_SEND_NAMES": "true",
        "WIJZER_LRS_ENDPOINT": "https://lrs.example.nl/xAPI",
        "WIJZER_LRS_USERNAME": "sleutel",
        "WIJZER_LRS_PASSWORD": "geheim uit de omgeving",
        "WIJZER_LRS_CA_FILE": "lrs.pem",
        "WIJZER_LRS_BATCH_SIZE": "1",
        "WIJZER_LRS_TIMEOUT": "600",
        "HOME": "/niet/van/ons",  # other variables are not read
    }
    assert load_config(tmp_path, environ) == XapiConfig(
        iri_base="http://intern.example.nl",
        homepage="https://leren.example.nl",
        send_names=True,
        endpoint="https://lrs.example.nl/xAPI",
        username="sleutel",
        password="geheim uit de omgeving",
        ca_file="lrs.pem",
        batch_size=1,
        timeout=600.0,
        source="omgeving",
    )


def test_the_environment_wins_and_both_sources_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, 'username = "wijzer"\npassword = "geheim"\nsend_names = true\n')
    environ = {"WIJZER_LRS_PASSWORD": "anders", "WIJZER_XAPI_SEND_NAMES": "nee"}
    config = load_config(tmp_path, environ)
    assert (config.username, config.password, config.send_names) == ("wijzer", "anders", False)
    assert config.source == f"{path} en omgeving"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", True), ("true", True), ("ja", True), ("yes", True), ("on", True), (" JA ", True),
        ("True", True), ("0", False), ("false", False), ("nee", False), ("no", False),
        ("off", False), ("", False), ("NEE", False),
    ],
)  # fmt: skip
def test_send_names_reads_dutch_and_english_words(
    tmp_path: Path, text: str, expected: bool
) -> None:
    config = load_config(tmp_path, {"WIJZER_XAPI_SEND_NAMES": text})
    assert config.send_names is expected


def test_a_toml_boolean_is_taken_as_it_is(tmp_path: Path) -> None:
    write(tmp_path, "send_names = false\n")
    assert load_config(tmp_path, {}).send_names is False


@pytest.mark.parametrize(("text", "expected"), [("1", 1), ("10000", 10_000), (" 42 ", 42)])
def test_batch_size_is_accepted_from_1_to_10000(tmp_path: Path, text: str, expected: int) -> None:
    assert load_config(tmp_path, {"WIJZER_LRS_BATCH_SIZE": text}).batch_size == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("0.001", 0.001), ("0.5", 0.5), ("1", 1.0), ("600", 600.0)]
)
def test_timeout_is_accepted_above_0_up_to_600(tmp_path: Path, text: str, expected: float) -> None:
    assert load_config(tmp_path, {"WIJZER_LRS_TIMEOUT": text}).timeout == expected


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("WIJZER_LRS_BATCH_SIZE", "0", "batch_size in WIJZER_LRS_BATCH_SIZE moet een getal van 1 tot 10000 zijn, niet '0'."),
        ("WIJZER_LRS_BATCH_SIZE", "10001", "batch_size in WIJZER_LRS_BATCH_SIZE moet een getal van 1 tot 10000 zijn, niet '10001'."),
        ("WIJZER_LRS_BATCH_SIZE", "-5", "batch_size in WIJZER_LRS_BATCH_SIZE moet een getal van 1 tot 10000 zijn, niet '-5'."),
        ("WIJZER_LRS_BATCH_SIZE", "2.5", "batch_size in WIJZER_LRS_BATCH_SIZE moet een getal van 1 tot 10000 zijn, niet '2.5'."),
        ("WIJZER_LRS_TIMEOUT", "0", "timeout in WIJZER_LRS_TIMEOUT moet seconden, meer dan 0 en hoogstens 600 zijn, niet '0'."),
        ("WIJZER_LRS_TIMEOUT", "600.5", "timeout in WIJZER_LRS_TIMEOUT moet seconden, meer dan 0 en hoogstens 600 zijn, niet '600.5'."),
        ("WIJZER_LRS_TIMEOUT", "601", "timeout in WIJZER_LRS_TIMEOUT moet seconden, meer dan 0 en hoogstens 600 zijn, niet '601'."),
        ("WIJZER_LRS_TIMEOUT", "lang", "timeout in WIJZER_LRS_TIMEOUT moet seconden, meer dan 0 en hoogstens 600 zijn, niet 'lang'."),
        ("WIJZER_XAPI_SEND_NAMES", "misschien", "send_names in WIJZER_XAPI_SEND_NAMES moet true of false zijn, niet 'misschien'."),
        ("WIJZER_XAPI_IRI_BASE", "leren.example.nl/", "iri_base in WIJZER_XAPI_IRI_BASE moet een webadres zijn dat begint met https://, niet 'leren.example.nl'."),
        ("WIJZER_XAPI_HOMEPAGE", "www.example.nl", "homepage in WIJZER_XAPI_HOMEPAGE moet een webadres zijn dat begint met https://, niet 'www.example.nl'."),
        ("WIJZER_LRS_ENDPOINT", "ftp://lrs.example.nl", "endpoint in WIJZER_LRS_ENDPOINT moet een webadres zijn dat begint met https://, niet 'ftp://lrs.example.nl'."),
    ],
)  # fmt: skip
def test_a_bad_environment_value_is_refused_naming_variable_and_setting(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    assert refusal(tmp_path, {name: text}) == message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("batch_size = 0", "batch_size in {path} moet een getal van 1 tot 10000 zijn, niet '0'."),
        ("timeout = 0", "timeout in {path} moet seconden, meer dan 0 en hoogstens 600 zijn, niet '0'."),
        ('send_names = "misschien"', "send_names in {path} moet true of false zijn, niet 'misschien'."),
        ('homepage = "leren.example.nl"', "homepage in {path} moet een webadres zijn dat begint met https://, niet 'leren.example.nl'."),
        ('endpoint = "lrs.example.nl"', "endpoint in {path} moet een webadres zijn dat begint met https://, niet 'lrs.example.nl'."),
    ],
)  # fmt: skip
def test_a_bad_file_value_is_refused_naming_file_and_setting(
    tmp_path: Path, line: str, message: str
) -> None:
    path = write(tmp_path, line + "\n")
    assert refusal(tmp_path) == message.format(path=path)


def test_only_the_iri_settings_must_be_web_addresses(tmp_path: Path) -> None:
    config = load_config(
        tmp_path, {"WIJZER_LRS_USERNAME": "geen/adres/", "WIJZER_XAPI_HOMEPAGE": ""}
    )
    assert (config.username, config.homepage) == ("geen/adres/", "")  # empty: not set


def test_only_slashes_are_cut_off_the_end_of_an_address(tmp_path: Path) -> None:
    config = load_config(tmp_path, {"WIJZER_XAPI_IRI_BASE": "https://leren.example.nl/WIJZERX"})
    assert config.iri_base == "https://leren.example.nl/WIJZERX"


def test_an_unknown_setting_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    path = write(tmp_path, 'wachtwoord = "x"\nadres = "y"\n')
    assert refusal(tmp_path) == f"Onbekende instelling 'adres' in {path}. Bekend zijn: {KNOWN}."


def test_a_file_that_is_not_toml_is_refused_with_where_in_dutch(tmp_path: Path) -> None:
    path = write(tmp_path, 'username = "a"\niri_base = =\n')
    assert refusal(tmp_path) == f"{path} is geen geldig TOML-bestand (regel 2, kolom 12)."
    path = write(tmp_path, 'username = "a\n')
    assert refusal(tmp_path) == f"{path} is geen geldig TOML-bestand (regel 1, kolom 14)."
    path = write(tmp_path, "iri_base = ")
    assert refusal(tmp_path) == (
        f"{path} is geen geldig TOML-bestand (aan het einde van het bestand)."
    )


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b'username = "\xff"\n')
    assert refusal(tmp_path) == f"{path} is geen UTF-8 (byte 12). Sla het op als UTF-8."


def test_a_file_that_cannot_be_read_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "xapi.toml"
    path.mkdir()
    assert refusal(tmp_path) == f"{path} kon niet worden gelezen (dit is een map, geen bestand)."


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o610, 0o601])
def test_a_password_others_can_reach_is_refused(tmp_path: Path, mode: int) -> None:
    path = write(tmp_path, 'password = "geheim"\n', mode=mode)
    assert refusal(tmp_path) == (
        f"{path} bevat een wachtwoord, maar anderen op deze computer kunnen het lezen. "
        f"Maak het bestand alleen voor jou leesbaar: chmod 600 {path}"
    )


def test_a_password_only_the_owner_can_read_is_taken(tmp_path: Path) -> None:
    write(tmp_path, 'password = "geheim"\n', mode=0o400)
    assert load_config(tmp_path, {}).password == "geheim"


def test_names_go_along_when_configured_or_asked() -> None:
    assert XapiConfig().with_names(False).send_names is False
    assert XapiConfig().with_names(True).send_names is True
    assert XapiConfig(send_names=True).with_names(False).send_names is True
    assert XapiConfig(endpoint="https://lrs.example.nl/x/").statements_url == (
        "https://lrs.example.nl/x/statements"
    )
