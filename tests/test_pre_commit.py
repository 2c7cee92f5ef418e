"""pre-commit works offline and without an activated environment: every hook is local and runs from .venv.

What a hook says about the code (ruff's findings, a stale schema) is the hook's verdict, as in CI; what this test
holds is that every hook runs: nothing to clone, nothing to install, no network.

The test copies the repository's tracked files into a fresh git repository, points .venv at the environment the
tests run in, and runs `pre-commit run --all-files` with no network (a network namespace of its own where the
system allows it, otherwise proxies that lead nowhere) and an empty pre-commit cache, so a hook that had to clone
or download anything would fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

ENV_BIN = Path(sys.executable).parent
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing answers there
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def test_every_hook_is_local_and_runs_a_program_from_the_venv() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "no hook may be cloned from the internet"
    hooks = config["repos"][0]["hooks"]
    assert {hook["id"] for hook in hooks} >= {
        "qantar-check",
        "qantar-schemas",
        "ruff-check",
        "ruff-format",
        "zizmor",
        "actionlint",
    }
    for hook in hooks:
        assert hook["language"] == "unsupported", f"{hook['id']}: runs as it is, nothing installed by pre-commit"
        program = hook["entry"].split()[0]
        assert program.startswith(".venv/bin/"), f"{hook['id']}: {program}: run from the project's .venv"
        assert (ENV_BIN / program.removeprefix(".venv/bin/")).is_file(), f"{hook['id']}: {program} is not installed"


def _offline(command: list[str]) -> list[str]:
    """The command in a network namespace of its own (no network at all), when this system allows one."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn", *command]
    return command


def test_pre_commit_runs_every_hook_on_every_file_offline(tmp_path: Path) -> None:
    repository = tmp_path / "repository"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in filter(None, tracked.stdout.split("\0")):
        if (ROOT / name).is_file():
            (repository / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repository / name)
    (repository / ".venv").symlink_to(ENV_BIN.parent, target_is_directory=True)
    environment = dict(
        os.environ,
        **GIT_ENV,
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
        HTTP_PROXY=NOWHERE,
        HTTPS_PROXY=NOWHERE,
        ALL_PROXY=NOWHERE,
        http_proxy=NOWHERE,
        https_proxy=NOWHERE,
        all_proxy=NOWHERE,
        NO_PROXY="",
        no_proxy="",
    )
    environment.pop("VIRTUAL_ENV", None)
    environment["PATH"] = os.pathsep.join(
        p for p in environment.get("PATH", "").split(os.pathsep) if Path(p).resolve() != ENV_BIN.resolve()
    )  # no activated venv
    for command in (
        ["git", "init", "--quiet", "--initial-branch=main"],
        ["git", "add", "-A"],
        ["git", "commit", "--quiet", "-m", "A copy"],
    ):
        subprocess.run(command, cwd=repository, env=environment, check=True, capture_output=True)
    result = subprocess.run(
        _offline([str(ENV_BIN / "pre-commit"), "run", "--all-files", "--color=never"]),
        cwd=repository,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert "An unexpected error has occurred" not in output, output
    assert "Initializing environment" not in output and "Installing environment" not in output, output
    for name in ("qantar check", "qantar schemas --check", "ruff check", "ruff format", "zizmor", "actionlint"):
        (line,) = [line for line in result.stdout.splitlines() if line.startswith(name)]
        # each hook ran and gave its verdict on the code; whether the code is clean is for the hooks to say
        assert line.endswith(("Passed", "Failed")), line
    verdicts = {line.rsplit(".", 1)[-1] for line in result.stdout.splitlines() if line.endswith(("Passed", "Failed"))}
    assert result.returncode == (1 if "Failed" in verdicts else 0), output
