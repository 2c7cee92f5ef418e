"""Command line: `qantar check`, `qantar generate`, `qantar build`, `qantar serve`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from .build import EngineResult, check, generate, summary
from .config import find_root, load_settings


def _print_problems(result: EngineResult, github: bool) -> None:
    problems = result.problems
    if github:
        for problem in problems.errors + problems.warnings:
            print(problem.github_annotation())
    report = problems.report()
    if report:
        print(report, file=sys.stderr)


def _engine(args: argparse.Namespace, write: bool) -> tuple[EngineResult, Path]:
    root = find_root(Path(args.root))
    settings = load_settings(root)
    result = generate(settings) if write else check(settings)
    _print_problems(result, args.github)
    return result, root


def cmd_check(args: argparse.Namespace) -> int:
    result, _root = _engine(args, write=False)
    if not result.ok:
        print(f"check failed: {len(result.problems.errors)} error(s)", file=sys.stderr)
        return 1
    print(f"check passed: {summary(result)}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    result, _root = _engine(args, write=True)
    if not result.ok:
        print(f"nothing generated: {len(result.problems.errors)} error(s)", file=sys.stderr)
        return 1
    written = result.written
    print(f"generated pages for {summary(result)} "
          f"({len(written.written) if written else 0} written, {written.unchanged if written else 0} unchanged, "
          f"{len(written.deleted) if written else 0} deleted)")
    return 0


def _mkdocs(root: Path, *arguments: str) -> int:
    environment = dict(os.environ, QANTAR_ENGINE_DONE="1", NO_MKDOCS_2_WARNING="1")
    return subprocess.call([sys.executable, "-m", "mkdocs", *arguments], cwd=root, env=environment)


def cmd_build(args: argparse.Namespace) -> int:
    code = cmd_generate(args)
    if code:
        return code
    root = find_root(Path(args.root))
    extra = ["--site-dir", args.site_dir] if args.site_dir else []
    return _mkdocs(root, "build", "--strict", *extra)


def cmd_serve(args: argparse.Namespace) -> int:
    code = cmd_generate(args)
    if code:
        return code
    root = find_root(Path(args.root))
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # The hook regenerates pages on every rebuild, so edits to sources/ and claims/ show up live.
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", args.dev_addr], cwd=root,
                           env=environment)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="qantar", description="Validate, generate and publish the claims site.")
    main.add_argument("--root", default=".", help="the project folder (default: the current one or a parent)")
    main.add_argument("--github", action="store_true", help="also print problems as GitHub Actions annotations")
    commands = main.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate every record; print every problem; build nothing").set_defaults(
        run=cmd_check)
    commands.add_parser("generate", help="validate and write the generated Markdown pages under docs/").set_defaults(
        run=cmd_generate)
    build = commands.add_parser("build", help="generate, then `mkdocs build --strict` into site/")
    build.add_argument("--site-dir", default="", help="where to build the site (default: site/)")
    build.set_defaults(run=cmd_build)
    serve = commands.add_parser("serve", help="generate, then serve the site with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    serve.set_defaults(run=cmd_serve)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # an editor never sees a traceback; a developer can ask for one
        if os.environ.get("QANTAR_DEBUG"):
            raise
        print(f"qantar: internal error: {type(error).__name__}: {error}\n"
              "This is a bug in the engine, not in your records. Run again with QANTAR_DEBUG=1 for details "
              "and report it.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
