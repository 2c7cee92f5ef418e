"""Time saves under `qantar serve`: dirty rebuilds (with the hook's repairs) against `--full-rebuilds`.

    .venv/bin/python scripts/benchmark/serve_modes.py --claims 1000 [--modes dirty full] [--saves 3]

For each mode it generates the synthetic corpus in a project under /tmp/qantar-serve-modes, starts `qantar serve`,
then edits claims one at a time and reports, per save, the seconds until the claim's page and its tag listing show
the edit, and the CPU-seconds the serve process tree spent on that save (every rebuild it set off), which compare
better than wall time on a shared machine. It also checks that the search index holds every page.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402

WORK = Path("/tmp/qantar-serve-modes")


def cpu_seconds(pid: int) -> float:
    """User + system time of a process and its children (the mkdocs serve process)."""
    total = 0
    try:
        children = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        children = []
    for process in (pid, *children):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def wait_for(url: str, text: str) -> None:
    while text not in fetch(url)[1]:
        time.sleep(0.05)


def measure(mode: str, claims: int, saves: int) -> dict[str, object]:
    project = WORK / f"{claims}-{mode}"
    bench.make_project(project)
    bench.generate_corpus(project, claims, 1)
    files = sorted((project / "claims").glob("*.yaml"))
    port = bench._free_port()
    base = f"http://127.0.0.1:{port}/"
    options = ["--full-rebuilds"] if mode == "full" else []
    started = time.perf_counter()
    with open(WORK / f"{claims}-{mode}.log", "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "qantar.cli",
                "--root",
                str(project),
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
                *options,
            ],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=bench.child_env(PYTHONPATH=str(bench.ROOT / "scripts")),
            start_new_session=True,
        )
    try:
        while fetch(base)[0] != 200:
            if server.poll() is not None:
                return {"error": "serve stopped"}
            time.sleep(0.5)
        result: dict[str, object] = {"startup_seconds": round(time.perf_counter() - started, 1)}
        time.sleep(5)
        rows = []
        for number in range(saves):
            claim = next(path for path in files[len(files) // 2 + number :] if " said that " in path.read_text("utf-8"))
            text = claim.read_text(encoding="utf-8")
            tag = next(
                (
                    line.split("[", 1)[1].split(",")[0].strip(" ]")
                    for line in text.splitlines()
                    if line.startswith("tags: [")
                ),
                None,
            )
            marker = f"said, on record {number}, that"
            before = cpu_seconds(server.pid)
            saved = time.perf_counter()
            claim.write_text(text.replace(" said that ", f" said, on record {number}, that ", 1), encoding="utf-8")
            wait_for(f"{base}claims/{claim.stem}/", marker)
            page = time.perf_counter() - saved
            if tag:
                wait_for(f"{base}tags/{tag}/", marker)
            listing = time.perf_counter() - saved
            time.sleep(15 if mode == "dirty" else 60)  # until every rebuild this save set off is done
            rows.append(
                {
                    "page_seconds": round(page, 2),
                    "listing_seconds": round(listing, 2),
                    "cpu_seconds": round(cpu_seconds(server.pid) - before, 1),
                }
            )
        result["saves"] = rows
        index = json.loads(fetch(base + "search/search_index.json")[1])
        result["indexed_pages"] = len({doc["location"].split("#")[0] for doc in index["docs"]})
        return result
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--modes", nargs="+", default=["dirty", "full"], choices=["dirty", "full"])
    parser.add_argument("--saves", type=int, default=3)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    results = {mode: measure(mode, args.claims, args.saves) for mode in args.modes}
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
