#!/usr/bin/env python3
"""Set up everything, then serve the site or run the tests: the two commands in README.md.

    python3 scripts/dev.py serve   # virtualenv + pinned dependencies, validate, build, serve on :8000
    python3 scripts/dev.py test    # virtualenv + pinned dependencies (+ Chromium, Java), run the whole test suite

Uses only the standard library, so it runs on a fresh machine with Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".qantar-installed"
CHROMIUM = Path("/usr/bin/chromium")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True, env=env)


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the project with its pinned dependencies, once per change of requirements."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script runs before any environment exists
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = requirements_digest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say("installing dependencies (pinned in constraints.txt)")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", "constraints.txt",
        "-e", ".[test]")
    STAMP.write_text(wanted)


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium; install it when we can, explain when we cannot."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Chromium for the browser tests (apt-get)")
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "chromium", env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        return
    sys.exit("The browser tests need Chromium at /usr/bin/chromium. Install it (Debian/Ubuntu: "
             "sudo apt-get install chromium) and run this command again.")


def ensure_java() -> None:
    """The Nu HTML Checker (vnu.jar, from the test dependencies) runs on Java; install a JRE when we can."""
    if shutil.which("java"):
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Java for the HTML validator (apt-get)")
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "default-jre-headless",
            env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        return
    sys.exit("The HTML validation test needs Java. Install it (Debian/Ubuntu: sudo apt-get install "
             "default-jre-headless) and run this command again.")


def serve() -> int:
    ensure_environment()
    address = os.environ.get("QANTAR_ADDR", "127.0.0.1:8000")
    say(f"validating, building and serving on http://{address}/ (Ctrl+C stops)")
    return subprocess.call([str(BIN / "qantar"), "serve", "--dev-addr", address], cwd=ROOT)


def test(pytest_args: list[str]) -> int:
    ensure_environment()
    ensure_chromium()
    ensure_java()
    return subprocess.call([str(PYTHON), "-m", "pytest", *pytest_args], cwd=ROOT)


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"serve", "test", "setup"}:
        print(__doc__)
        return 2
    command = sys.argv[1]
    if command == "serve":
        return serve()
    if command == "test":
        return test(sys.argv[2:])
    ensure_environment()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl+C stops the server (or the tests): say so, without a Python traceback
        print("\nstopped.", file=sys.stderr)
        sys.exit(130)
