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
    server = subprocess.Popen([sys.executable, "-m", "qantar.cli", "--root", str(project), "serve", "--dev-addr",
                               f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, start_new_session=True)
    try:
        assert wait_for(url, "Riverton officials said 12 people died", 90), "the site was not served"
        claim = project / "claims" / "official-toll-12.yaml"
        claim.write_text(claim.read_text(encoding="utf-8").replace(
            "Riverton officials said 12 people died in the flood.",
            "Riverton officials said twelve people died in the flood."), encoding="utf-8")
        assert wait_for(url, "Riverton officials said twelve people died", 60), "the edit never showed up"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
