"""The `wijzer serve` subcommand: the same app in a browser, safe by default.

textual-serve has no login: whoever opens the address sees every learner in the progress
folder. So the server listens on this computer only (loopback), unless the user asks for the
network with an explicit flag, and then it says in Dutch what that means.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import shlex
import socket
import sys

from wijzer_tui.domain.errors import WijzerError

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
NETWORK_FLAG = "--netwerk"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `serve` subcommand to `wijzer`."""
    serve = subparsers.add_parser(
        "serve",
        help="open wijzer in een webbrowser",
        description=(
            "Start wijzer als webpagina, voor wie liever een browser gebruikt of voor de "
            "beamer in een trainingsruimte. Elk tabblad is een eigen wijzer. Er is geen "
            "wachtwoord: daarom is de pagina alleen op deze computer te openen, tenzij je "
            f"{NETWORK_FLAG} gebruikt. Stoppen: Ctrl+C."
        ),
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADRES",
        help="adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)",
    )
    serve.add_argument(
        "--port",
        type=port_number,
        default=8000,
        metavar="POORT",
        help="poort (standaard 8000; 0 kiest zelf een vrije poort)",
    )
    serve.add_argument(
        NETWORK_FLAG,
        dest="network",
        action="store_true",
        help="sta een ander adres dan deze computer toe: iedereen op het netwerk kan dan "
        "meekijken, zonder wachtwoord",
    )
    mode = serve.add_mutually_exclusive_group()
    mode.add_argument("--team", action="store_true", help="open de teamtraining (voor de beamer)")
    mode.add_argument("--report", action="store_true", help="open het overzicht voor coördinatoren")
    serve.add_argument(
        "--progress-dir",
        metavar="MAP",
        default=argparse.SUPPRESS,  # keep the value given before `serve`, or from the environment
        help="map voor de voortgang (ook via WIJZER_PROGRESS_DIR)",
    )
    serve.set_defaults(handler=run_serve)


def port_number(text: str) -> int:
    """argparse type: a TCP port, 0 to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen poortnummer") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"poort {value} bestaat niet; kies 1 tot en met 65535")
    return value


def is_loopback(host: str) -> bool:
    """True when only this computer can reach `host` (127.x.x.x, ::1 or localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name could point anywhere: treat it as the network


def network_warning(url: str) -> str:
    """The Dutch warning printed when the server listens beyond this computer."""
    return (
        "Let op: wijzer is nu te openen voor iedereen op dit netwerk, zonder wachtwoord.\n"
        f"Wie {url} opent, ziet alle deelnemers in deze voortgangsmap en hun voortgang.\n"
        "Doe dit alleen op een netwerk dat je vertrouwt, en stop met Ctrl+C als je klaar bent."
    )


def app_command(folder: str, args: argparse.Namespace) -> str:
    """The shell command textual-serve starts for every browser tab."""
    words = [sys.executable, "-m", "wijzer_tui", "--progress-dir", folder]
    if args.team:
        words.append("team")
    elif args.report:
        words.append("report")
    return shlex.join(words)


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, or a Dutch error when the address or port cannot be used."""
    host = "127.0.0.1" if host.lower() in LOOPBACK_NAMES else host.strip("[]")
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise WijzerError(
                f"Poort {port} is al in gebruik. Kies een andere met --port, bijvoorbeeld "
                f"--port {port + 1}, of --port 0 voor een vrije poort.",
                title="Poort bezet",
            ) from None
        raise WijzerError(
            f"Op adres {host!r} kan wijzer niet luisteren: het is onbekend of geen adres van "
            "deze computer. Kies een ander adres met --host.",
            title="Adres niet bruikbaar",
        ) from None
    return sock


def page_url(sock: socket.socket) -> str:
    """The address to open in a browser on this computer."""
    host, port = sock.getsockname()[:2]
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1" if host == "0.0.0.0" else "::1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def run_serve(args: argparse.Namespace) -> int:
    """Serve the app until Ctrl+C."""
    if not is_loopback(args.host) and not args.network:
        raise WijzerError(
            f"Met --host {args.host} kan iedereen op het netwerk wijzer openen, zonder "
            "wachtwoord, en alle deelnemers zien. Wil je dat echt, zet er dan "
            f"{NETWORK_FLAG} bij. Zonder --host is wijzer alleen op deze computer te openen.",
            title="Niet zonder --netwerk",
        )
    try:
        from wijzer_tui.web import WijzerServer
    except ImportError:
        raise WijzerError(
            "Voor wijzer in de browser is een extra onderdeel nodig. Installeer het met: "
            "pip install 'wijzer[web]'",
            title="Browserversie niet geïnstalleerd",
        ) from None
    from wijzer_tui.domain.progress.paths import resolve_progress_dir

    folder, _reason = resolve_progress_dir(args.progress_dir)
    sock = listen(args.host, args.port)
    url = page_url(sock)

    def announce() -> None:
        print(f"wijzer staat klaar in je browser. Open dit adres: {url}", flush=True)
        print(f"Voortgang: {folder}", flush=True)
        if not is_loopback(args.host):
            print(network_warning(f"http://<adres van deze computer>:{sock.getsockname()[1]}/"))
        print("Stoppen: Ctrl+C.", flush=True)

    server = WijzerServer(
        app_command(str(folder), args), sock, projector=args.team, announce=announce
    )
    server.serve()
    print("Gestopt. Wat je had opgeslagen, blijft bewaard.", flush=True)
    return 0
