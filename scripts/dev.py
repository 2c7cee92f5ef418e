#!/usr/bin/env python3
"""Set up everything, then serve the site or run the tests: the two commands in README.md.

    python3 scripts/dev.py serve     # virtualenv + locked dependencies, validate, build, serve on :8000
    python3 scripts/dev.py test      # virtualenv + locked dependencies (+ Chromium, Java), run the whole test suite
    python3 scripts/dev.py upgrade   # every dependency to its newest allowed version: rewrites requirements.txt
    python3 scripts/dev.py upgrade ruff mkdocs-material   # only these (and what they need)
    python3 scripts/dev.py lock      # after editing the dependencies in pyproject.toml: the fewest changes

requirements.txt is the lock file: every package, runtime, test and dev tools alike, at one version with the hashes
of its files, for every platform and every Python the project supports. It is written by uv (itself pinned there)
and installed with `pip install --require-hashes`, here, in .ci/run and in the GitHub workflows.

Uses only the standard library, so it runs on a fresh machine with Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".qantar-installed"
LOCK = "requirements.txt"
CHROMIUM = Path("/usr/bin/chromium")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True, env=env)


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", LOCK):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def oldest_python() -> str:
    """The oldest Python the project supports, from requires-python in pyproject.toml (">=3.11.5" -> "3.11.5")."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["requires-python"]).removeprefix(">=").strip()


def ensure_environment() -> None:
    """Create .venv and install the locked dependencies, then the project, once per change of requirements."""
    oldest = tuple(int(part) for part in oldest_python().split("."))
    if sys.version_info[:3] < oldest:
        sys.exit(f"Python {oldest_python()} or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = requirements_digest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say(f"installing dependencies (locked, with their hashes, in {LOCK})")
    for command in install_commands():
        run(PYTHON, "-m", *command)
    STAMP.write_text(wanted)


def install_commands() -> list[list[str]]:
    """The two pip commands that install the lock file, then the project itself (nothing else is fetched)."""
    quiet = ["--quiet", "--disable-pip-version-check"]
    return [
        ["pip", "install", *quiet, "--require-hashes", "-r", LOCK],
        ["pip", "install", *quiet, "--no-deps", "--no-build-isolation", "-e", "."],
    ]


def lock(upgrade: list[str] | None) -> int:
    """Rewrite requirements.txt with uv: keep every pin that still fits (lock), or move to the newest (upgrade)."""
    ensure_environment()
    command = [
        str(BIN / "uv"),
        "pip",
        "compile",
        "pyproject.toml",
        "--all-extras",
        "--universal",
        "--python-version",
        oldest_python(),
        "--generate-hashes",
        "--output-file",
        LOCK,
        "--custom-compile-command",
        "python3 scripts/dev.py upgrade",
    ]
    if upgrade is not None:
        command += [f"--upgrade-package={name}" for name in upgrade] if upgrade else ["--upgrade"]
    code = subprocess.call(command, cwd=ROOT)
    if code == 0:
        ensure_environment()  # the lock changed: install what it now says
        say(f"{LOCK} rewritten; run `python3 scripts/dev.py test`, then commit it")
    return code


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium; install it when we can, explain when we cannot."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Chromium for the browser tests (apt-get)")
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "chromium", env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        return
    sys.exit(
        "The browser tests need Chromium at /usr/bin/chromium. Install it (Debian/Ubuntu: "
        "sudo apt-get install chromium) and run this command again."
    )


def ensure_java() -> None:
    """The Nu HTML Checker (vnu.jar, from the test dependencies) runs on Java; install a JRE when we can."""
    if shutil.which("java"):
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Java for the HTML validator (apt-get)")
        run("apt-get", "update", "-qq")
        run(
            "apt-get",
            "install",
            "-y",
            "-qq",
            "default-jre-headless",
            env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
        )
        return
    sys.exit(
        "The HTML validation test needs Java. Install it (Debian/Ubuntu: sudo apt-get install "
        "default-jre-headless) and run this command again."
    )


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
    if len(sys.argv) < 2 or sys.argv[1] not in {"serve", "test", "setup", "upgrade", "lock"}:
        print(__doc__)
        return 2
    command = sys.argv[1]
    if command == "serve":
        return serve()
    if command == "test":
        return test(sys.argv[2:])
    if command == "upgrade":
        return lock(sys.argv[2:])
    if command == "lock":
        return lock(None)
    ensure_environment()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl+C stops the server (or the tests): say so, without a Python traceback
        print("\nstopped.", file=sys.stderr)
        sys.exit(130)
