"""xAPI settings from xapi.toml in the progress folder and from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijzer_tui.domain.reports.xapi_config import DEFAULT_IRI_BASE, ConfigError, load_config


def write(folder: Path, text: str, mode: int = 0o600) -> Path:
    path = folder / "xapi.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_without_file_or_environment_the_documented_defaults_apply(tmp_path: Path) -> None:
    config = load_config(tmp_path, {})
    assert config.iri_base == DEFAULT_IRI_BASE == "https://wijzer.invalid"
    assert config.account_homepage == DEFAULT_IRI_BASE
    assert not config.send_names
    assert config.endpoint == ""
    assert config.batch_size == 500


def test_the_file_sets_everything_and_the_environment_wins(tmp_path: Path) -> None:
    write(
        tmp_path,
        'iri_base = "https://leren.example.nl/wijzer/"\n'
        'homepage = "https://leren.example.nl"\n'
        'endpoint = "https://lrs.example.nl/xAPI/"\n'
        'username = "wijzer"\npassword = "geheim"\nsend_names = true\nbatch_size = 100\n',
    )
    config = load_config(tmp_path, {})
    assert config.iri_base == "https://leren.example.nl/wijzer"  # trailing slash dropped
    assert config.account_homepage == "https://leren.example.nl"
    assert config.statements_url == "https://lrs.example.nl/xAPI/statements"
    assert (config.username, config.password, config.send_names) == ("wijzer", "geheim", True)
    assert config.batch_size == 100
    env = {"WIJZER_LRS_PASSWORD": "anders", "WIJZER_XAPI_SEND_NAMES": "nee"}
    overridden = load_config(tmp_path, env)
    assert (overridden.password, overridden.send_names) == ("anders", False)
    assert overridden.username == "wijzer"


def test_a_password_in_a_file_others_can_read_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, 'password = "geheim"\n', mode=0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        load_config(tmp_path, {})
    path.chmod(0o600)
    assert load_config(tmp_path, {}).password == "geheim"


def test_a_file_without_password_may_be_readable_by_others(tmp_path: Path) -> None:
    write(tmp_path, 'iri_base = "https://leren.example.nl"\n', mode=0o644)
    assert load_config(tmp_path, {}).iri_base == "https://leren.example.nl"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('iri_base = "leren.example.nl"\n', "moet een webadres zijn"),
        ("batch_size = 0\n", "een getal van 1 tot 10000"),
        ('send_names = "misschien"\n', "true of false"),
        ('wachtwoord = "x"\n', "Onbekende instelling 'wachtwoord'"),
        ("iri_base = \n", "geen geldig TOML-bestand"),
    ],
)
def test_bad_settings_get_a_dutch_message_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(tmp_path, {})
    assert "xapi.toml" in caught.value.message


def test_a_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="WIJZER_LRS_TIMEOUT"):
        load_config(tmp_path, {"WIJZER_LRS_TIMEOUT": "lang"})
