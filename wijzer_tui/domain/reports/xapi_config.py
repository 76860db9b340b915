"""xAPI settings: the IRI base, the account homePage, names, and the LRS to sync with.

They come from `xapi.toml` in the progress folder and from the environment (which wins). A file
that holds a password must be readable by its owner only (0600), as ssh demands of its keys;
credentials never come from the command line, where other users could read them.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from wijzer_tui.domain.errors import WijzerError, os_reason

CONFIG_NAME = "xapi.toml"
# `.invalid` is reserved: the default never points at a real site, but every installation shares
# it, so an organisation sets its own base (a sync warns while the default is in use).
DEFAULT_IRI_BASE = "https://wijzer.invalid"
DEFAULT_BATCH = 500
DEFAULT_TIMEOUT = 30.0

# Setting -> environment variable.
ENVIRONMENT = {
    "iri_base": "WIJZER_XAPI_IRI_BASE",
    "homepage": "WIJZER_XAPI_HOMEPAGE",
    "send_names": "WIJZER_XAPI_SEND_NAMES",
    "endpoint": "WIJZER_LRS_ENDPOINT",
    "username": "WIJZER_LRS_USERNAME",
    "password": "WIJZER_LRS_PASSWORD",
    "ca_file": "WIJZER_LRS_CA_FILE",
    "batch_size": "WIJZER_LRS_BATCH_SIZE",
    "timeout": "WIJZER_LRS_TIMEOUT",
}
_TRUE = {"1", "true", "ja", "yes", "on"}
_FALSE = {"0", "false", "nee", "no", "off", ""}


class ConfigError(WijzerError):
    """The xAPI settings are missing, unreadable or not safe."""

    title = "Probleem met de xAPI-instellingen"


@dataclass(frozen=True)
class XapiConfig:
    """Where statements point to and where they go. Empty strings mean "not set"."""

    iri_base: str = DEFAULT_IRI_BASE
    homepage: str = ""  # the account homePage; empty: the IRI base
    send_names: bool = False  # the typed name goes along only when the coordinator asks
    endpoint: str = ""
    username: str = ""
    password: str = ""
    ca_file: str = ""
    batch_size: int = DEFAULT_BATCH
    timeout: float = DEFAULT_TIMEOUT
    source: str = "standaardwaarden"  # where the settings came from, for messages

    @property
    def account_homepage(self) -> str:
        """The homePage of every learner's account."""
        return self.homepage or self.iri_base

    @property
    def statements_url(self) -> str:
        """The LRS's statements resource."""
        return self.endpoint.rstrip("/") + "/statements"

    def with_names(self, send_names: bool) -> XapiConfig:
        """The same settings, names sent (True) or as configured (False)."""
        return replace(self, send_names=self.send_names or send_names)


def _iri(value: str, key: str) -> str:
    value = value.strip().rstrip("/")
    if not value.startswith(("https://", "http://")):
        raise ConfigError(f"{key} moet een webadres zijn dat begint met https://, niet {value!r}.")
    return value


def _convert(key: str, value: Any, where: str) -> Any:
    """A setting checked and converted to its type; a Dutch error naming `where` otherwise."""
    text = str(value).strip()
    try:
        if key == "send_names":
            if isinstance(value, bool):
                return value
            if text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise ValueError
        if key == "batch_size":
            number = int(text)
            if not 1 <= number <= 10_000:
                raise ValueError
            return number
        if key == "timeout":
            seconds = float(text)
            if not 0 < seconds <= 600:
                raise ValueError
            return seconds
    except ValueError:
        hints = {
            "send_names": "true of false",
            "batch_size": "een getal van 1 tot 10000",
            "timeout": "seconden, meer dan 0 en hoogstens 600",
        }
        raise ConfigError(f"{key} in {where} moet {hints[key]} zijn, niet {text!r}.") from None
    if key in ("iri_base", "homepage", "endpoint") and text:
        return _iri(text, f"{key} in {where}")
    return text


_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _toml_place(exc: tomllib.TOMLDecodeError) -> str:
    """Where tomllib found the mistake, in Dutch (its own message is English). tomllib ends
    every message with a line and column or with "(at end of document)"."""
    found = _TOML_PLACE.search(str(exc))
    if found:
        return f" (regel {found[1]}, kolom {found[2]})"
    return " (aan het einde van het bestand)"


def _read_file(path: Path) -> dict[str, Any]:
    """The settings in the config file; {} when there is none."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path} kon niet worden gelezen ({os_reason(exc)}).") from exc
    try:
        text = raw.decode("utf-8")  # pragma: no mutate (codec names ignore case)
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path} is geen UTF-8 (byte {exc.start}). Sla het op als UTF-8."
        ) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is geen geldig TOML-bestand{_toml_place(exc)}.") from exc
    unknown = sorted(set(data) - set(ENVIRONMENT))
    if unknown:
        known = ", ".join(ENVIRONMENT)
        raise ConfigError(f"Onbekende instelling {unknown[0]!r} in {path}. Bekend zijn: {known}.")
    if "password" in data and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(
            f"{path} bevat een wachtwoord, maar anderen op deze computer kunnen het lezen. "
            f"Maak het bestand alleen voor jou leesbaar: chmod 600 {path}"
        )
    return data


def load_config(progress_dir: Path, environ: dict[str, str] | None = None) -> XapiConfig:
    """The xAPI settings: defaults, then `<progress_dir>/xapi.toml`, then the environment."""
    environ = dict(os.environ) if environ is None else environ
    path = progress_dir / CONFIG_NAME
    values: dict[str, Any] = {}
    sources = []
    file_values = _read_file(path)
    if file_values:
        sources.append(str(path))
    for key, value in file_values.items():
        values[key] = _convert(key, value, str(path))
    for key, name in ENVIRONMENT.items():
        if name in environ:
            values[key] = _convert(key, environ[name], name)
            if "omgeving" not in sources:
                sources.append("omgeving")
    return XapiConfig(**values, source=" en ".join(sources) or "standaardwaarden")
