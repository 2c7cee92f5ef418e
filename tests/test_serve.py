"""`qantar serve` regenerates the site when an editor changes a record, without a restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import FIXTURE_CORPUS
from sitebuild import copy_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_editing_a_claim_file_updates_the_served_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path, corpus=FIXTURE_CORPUS)
    port = free_port()
    url = f"http://127.0.0.1:{port}/claims/official-toll-12/"
    server = subprocess.Popen(
        [sys.executable, "-m", "qantar.cli", "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert wait_for(url, "Riverton officials said 12 people died", 90), "the site was not served"
        claim = project / "claims" / "official-toll-12.yaml"
        claim.write_text(
            claim.read_text(encoding="utf-8").replace(
                "Riverton officials said 12 people died in the flood.",
                "Riverton officials said twelve people died in the flood.",
            ),
            encoding="utf-8",
        )
        assert wait_for(url, "Riverton officials said twelve people died", 60), "the edit never showed up"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


# ---------------------------------------------------------------------------------------------
# After any edits, adds, deletes and renames, `qantar serve` serves what a fresh full build makes; a broken record
# is shown in the browser (no hang) and printed on every save
# ---------------------------------------------------------------------------------------------

import re  # noqa: E402
import threading  # noqa: E402
import urllib.error  # noqa: E402

LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.DOTALL)


class Served:
    """A `qantar serve` of a project on a free port, with its output collected line by line."""

    def __init__(self, project: Path, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "qantar.cli",
                "--root",
                str(project),
                "serve",
                "--dev-addr",
                f"127.0.0.1:{self.port}",
                *options,
            ],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def get(self, path: str, timeout: float = 10) -> tuple[int, bytes]:
        """Status and body; a request that hangs past the timeout fails the test."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def until(self, path: str, predicate, seconds: float = 90) -> float:  # noqa: ANN001
        """Seconds until the page at `path` satisfies the predicate (status, body)."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            try:
                if predicate(*self.get(path)):
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.25)
        raise AssertionError(f"{path} never changed as expected; serve printed:\n" + "\n".join(self.lines[-40:]))

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def claim_like(claim_id: str, statement: str) -> str:
    text = (FIXTURE_CORPUS / "claims" / "official-toll-12.yaml").read_text(encoding="utf-8")
    return text.replace("id: official-toll-12", f"id: {claim_id}").replace(
        "Riverton officials said 12 people died in the flood.", statement
    )


def test_serve_equals_a_full_build_after_edits_adds_deletes_renames_and_errors(tmp_path: Path) -> None:
    project = copy_project(tmp_path, corpus=FIXTURE_CORPUS)
    claims = project / "claims"
    served = Served(project)
    timings: dict[str, float] = {}
    try:
        served.until("claims/official-toll-12/", lambda status, body: status == 200)
        # an edited statement: its page, and the tag page that lists it by title
        claim = claims / "official-toll-12.yaml"
        claim.write_text(
            claim.read_text(encoding="utf-8").replace(
                "said 12 people died in the flood", "said twelve people died in the flood"
            ),
            encoding="utf-8",
        )
        timings["edit"] = served.until("tags/casualties/", lambda status, body: b"said twelve people died" in body)
        # 40 new claims at once
        for number in range(40):
            (claims / f"added-claim-{number}.yaml").write_text(
                claim_like(f"added-claim-{number}", f"Riverton officials said 12 people died, take {number}."),
                encoding="utf-8",
            )
        timings["40 added"] = served.until("claims/added-claim-39/", lambda status, body: status == 200)
        # a deleted claim, and a renamed one with its old address kept
        (claims / "survivor-toll-15.yaml").unlink()
        renamed = (
            (claims / "warning-too-late.yaml")
            .read_text(encoding="utf-8")
            .replace("id: warning-too-late", "id: warning-came-late\nredirect_from: [warning-too-late]")
        )
        (claims / "warning-too-late.yaml").unlink()
        (claims / "warning-came-late.yaml").write_text(renamed, encoding="utf-8")
        timings["delete and rename"] = served.until("claims/survivor-toll-15/", lambda status, body: status == 404)
        served.until("claims/warning-came-late/", lambda status, body: status == 200)
        # a record that nests too deep: printed with its position, shown in the browser instead of a hang
        broken = claim_like("added-claim-0", "Riverton officials said 12 people died.") + "notes: " + "[" * 100_000
        (claims / "added-claim-0.yaml").write_text(broken, encoding="utf-8")
        problem = (
            "claims/added-claim-0.yaml:22:39: the YAML nests more than 32 levels deep (lists and sets of fields "
            "inside one another)"
        )
        timings["error shown"] = served.until("claims/official-toll-12/", lambda status, body: problem.encode() in body)
        # the same mistake saved again is printed again (MkDocs prints a repeated message only once)
        printed = sum(problem in line for line in served.lines)
        (claims / "added-claim-0.yaml").write_text(broken + "]", encoding="utf-8")
        deadline = time.monotonic() + 60
        while sum(problem in line for line in served.lines) <= printed and time.monotonic() < deadline:
            time.sleep(0.25)
        assert sum(problem in line for line in served.lines) > printed, "\n".join(served.lines[-30:])
        status, body = served.get("")
        assert status == 404 and problem.encode() in body  # every address shows the problems
        # fixed: the site comes back by itself
        (claims / "added-claim-0.yaml").write_text(claim_like("added-claim-0", "Back again."), encoding="utf-8")
        timings["fixed"] = served.until("claims/added-claim-0/", lambda status, body: b"Back again." in body)
        time.sleep(3)  # let the rebuild the engine's own writes trigger finish

        fresh = tmp_path / "fresh"
        (project / "mkdocs-fresh.yml").write_text(f"INHERIT: mkdocs.yml\nsite_url: {served.url}\n", encoding="utf-8")
        build = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-fresh.yml", "--site-dir", str(fresh)],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=300,
            # serve makes no offline copy (a second whole build per save): neither does this one
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", QANTAR_OFFLINE_COPY="0"),
        )
        assert build.returncode == 0, build.stderr
        differ = []
        for path in sorted(p for p in fresh.rglob("*") if p.is_file()):
            rel = path.relative_to(fresh).as_posix()
            status, body = served.get(rel)
            if status != 200 or LIVERELOAD.sub(b"", body) != path.read_bytes():
                differ.append(f"{rel} ({status})")
                (tmp_path / "served").mkdir(exist_ok=True)
                (tmp_path / "served" / rel.replace("/", "_")).write_bytes(body)
        assert differ == [], differ
        # the search index (Pagefind's, compared above file by file) covers the pages
        assert len(list((fresh / "pagefind" / "fragment").glob("*"))) > 40
        for gone in ("claims/survivor-toll-15/", "claims/survivor-toll-15.json"):
            assert served.get(gone)[0] == 404, gone
        assert not any("Traceback" in line for line in served.lines), "\n".join(served.lines)
    finally:
        served.stop()
    import tally

    for what, seconds in timings.items():
        tally.record(f"serve, fixture corpus: seconds until shown ({what})", round(seconds, 1))


def test_an_open_page_shows_the_problems_then_comes_back_by_itself(tmp_path: Path, chromium) -> None:  # noqa: ANN001
    project = copy_project(tmp_path, corpus=FIXTURE_CORPUS)
    served = Served(project)
    try:
        served.until("claims/official-toll-12/", lambda status, body: status == 200)
        tab = chromium.new_page()
        tab.goto(served.url + "claims/official-toll-12/")
        claim = project / "claims" / "official-toll-12.yaml"
        good = claim.read_text(encoding="utf-8")
        claim.write_text(good.replace("claimant: riverton-officials", "claimant: riverton-oficials"), encoding="utf-8")
        # MkDocs' live reload brings the open page to the problems page; it never hangs on the failed rebuild
        tab.wait_for_selector("ol.qantar-problems", timeout=60_000)
        assert tab.inner_text("ol.qantar-problems") == (
            "claims/official-toll-12.yaml:3:11: claimant: no actor 'riverton-oficials'; did you mean "
            "'riverton-officials'?"
        )
        claim.write_text(
            good.replace("said 12 people died in the flood", "said twelve people died in the flood"), encoding="utf-8"
        )
        # the live reload replaces the document: wait with a selector, which outlives a navigation, not a script
        # that reads document.body (null for a moment while the new page loads)
        tab.wait_for_selector("text=said twelve people died", timeout=90_000)
        tab.close()
    finally:
        served.stop()
