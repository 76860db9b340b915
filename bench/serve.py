"""Benchmark `wijzer serve`: page start to the first rendered screen, and memory per open tab.

Baseline, measured in the same run: the same server and page serving a bare Textual app
(bench/serve_bare.py). Needs Debian's chromium and the test extra (playwright, pyte).
Run by hand: `python bench/serve.py [ROUNDS] [TABS]`. Not part of the test suite.

- start: a fresh chromium profile opens the page; seconds until the app's first screen is
  on the page (xterm.js got its first bytes) and until its text is readable (welcome text).
- memory: proportional set size (PSS, shared pages split fairly) of the server and its app
  processes, before and after opening TABS tabs; the difference divided by TABS.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import Server, Tab, open_context, start_server
from playwright.sync_api import Playwright, sync_playwright

BARE = Path(__file__).with_name("serve_bare.py")
KINDS = {"bare": "kale app", "wijzer": "Maak eerst je profiel"}  # text of each first screen


def descendants(pid: int) -> list[int]:
    """The process and all its children, grandchildren, … (from /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").iterdir():
            todo += [int(c) for c in (task / "children").read_text().split()]
    return found


def pss_mib(pid: int) -> float:
    """PSS of a process tree in MiB."""
    total = 0
    for each in descendants(pid):
        for line in Path(f"/proc/{each}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total / 1024


def serve(kind: str, folder: Path) -> Server:
    if kind == "bare":
        return start_server(None, command=[sys.executable, str(BARE)])
    return start_server(folder)


def first_screen(playwright: Playwright, server: Server, kind: str, profile: Path) -> tuple:
    """Seconds to the first bytes on the page and to readable text, in a fresh profile."""
    context = open_context(playwright, profile, 1280, 720)
    tab = Tab(context, server.url)
    started = time.perf_counter()
    first = tab.open()
    tab.wait_for(KINDS[kind], timeout=60)
    readable = time.perf_counter() - started
    context.close()
    return first, readable


def per_tab(playwright: Playwright, server: Server, kind: str, profile: Path, tabs: int) -> float:
    """MiB of server-side memory per open tab."""
    time.sleep(1)
    before = pss_mib(server.process.pid)
    context = open_context(playwright, profile, 1280, 720)
    opened = []
    for _ in range(tabs):
        tab = Tab(context, server.url)
        tab.open()
        tab.wait_for(KINDS[kind], timeout=60)
        opened.append(tab)
    opened[0].page.wait_for_timeout(2000)  # let every app settle
    after = pss_mib(server.process.pid)
    context.close()
    return (after - before) / tabs


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    tabs = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    results: dict[str, dict[str, list[float]]] = {
        k: {"first": [], "readable": [], "tab": []} for k in KINDS
    }
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        root = Path(tmp)
        servers = {kind: serve(kind, root / "voortgang") for kind in KINDS}
        try:
            for kind in KINDS:  # warm the file cache once
                first_screen(playwright, servers[kind], kind, root / f"warm-{kind}")
            for n in range(rounds):  # interleaved, so drift hits both alike
                for kind in KINDS:
                    first, readable = first_screen(
                        playwright, servers[kind], kind, root / f"{kind}-{n}"
                    )
                    results[kind]["first"].append(first)
                    results[kind]["readable"].append(readable)
            for kind in KINDS:
                results[kind]["tab"].append(
                    per_tab(playwright, servers[kind], kind, root / f"tabs-{kind}", tabs)
                )
        finally:
            for server in servers.values():
                server.stop()
    med = {k: {m: statistics.median(v) for m, v in r.items()} for k, r in results.items()}
    w, b = med["wijzer"], med["bare"]
    print(f"rounds={rounds} tabs={tabs} (medians; baseline: bare Textual app, same server)")
    print(f"first bytes on page: wijzer {w['first']:.2f}s, bare {b['first']:.2f}s")
    print(f"readable screen:     wijzer {w['readable']:.2f}s, bare {b['readable']:.2f}s")
    print(f"memory per tab (PSS): wijzer {w['tab']:.1f} MiB, bare {b['tab']:.1f} MiB")
    print(
        f"first_ratio={w['first'] / b['first']:.2f} readable_ratio={w['readable'] / b['readable']:.2f} "
        f"tab_mem_ratio={w['tab'] / b['tab']:.2f} wijzer_readable_s={w['readable']:.2f} "
        f"wijzer_tab_mib={w['tab']:.1f}"
    )


if __name__ == "__main__":
    main()
