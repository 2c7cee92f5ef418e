"""Command line: `qantar check`, `qantar generate`, `qantar build`, `qantar serve`."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from .build import EngineResult, check, generate, summary
from .build_time import VARIABLE as SOURCE_DATE_EPOCH
from .build_time import BuildTimeError, source_date_epoch
from .config import Settings, find_root, load_settings
from .editor_schemas import stale_schemas, write_schemas
from .load import load_source
from .offline import engine_environment
from .output_folders import UnsafeOutput, check_docs_folder, check_site_folder
from .problems import Problems, did_you_mean
from .publish import ForeignFiles, foreign_file_problems
from .quote_helper import matching_sentences
from .quotes import normalise_plain, quote_parts
from .renames import UnknownBase, check_renames
from .scaffold import (
    ESSENTIALS,
    LISTS,
    NewOption,
    ScaffoldError,
    new_options,
    new_record,
    translation_needed,
    write_new,
)
from .schemas import SCHEMAS
from .url_check import check_sources


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
    try:
        result = generate(settings, keep_pages=False) if write else check(settings)
    except ForeignFiles as refusal:  # nothing was written: the files are named as problems
        result = EngineResult(foreign_file_problems(refusal, settings.docs))
    _print_problems(result, args.github)
    return result, root


def cmd_check(args: argparse.Namespace) -> int:
    settings = load_settings(find_root(Path(args.root)))
    result = check(settings)
    if result.corpus is not None:  # published ids gone without a redirect are problems like any other
        try:
            renames = check_renames(settings, result.corpus, getattr(args, "base", None) or None)
        except UnknownBase as error:
            print(f"qantar check: --base: {error}", file=sys.stderr)
            return 2
        result.problems.extend(renames.problems.items)
        if renames.note:
            print(f"note: {renames.note}", file=sys.stderr)
    _print_problems(result, args.github)
    if not result.ok:
        print(f"check failed: {len(result.problems.errors)} error(s)", file=sys.stderr)
        return 1
    print(f"check passed: {summary(result)}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    refusal = _refusal(args.command, load_settings(find_root(Path(args.root))))
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    result, _root = _engine(args, write=True)
    if not result.ok:
        print(f"nothing generated: {len(result.problems.errors)} error(s)", file=sys.stderr)
        return 1
    written = result.written
    print(
        f"generated pages for {summary(result)} "
        f"({len(written.written) if written else 0} written, {written.unchanged if written else 0} unchanged, "
        f"{len(written.deleted) if written else 0} deleted)"
    )
    return 0


def _mkdocs(root: Path, *arguments: str) -> int:
    environment = engine_environment(generated=True)
    return subprocess.call([sys.executable, "-m", "mkdocs", *arguments], cwd=root, env=environment)


def _refusal(command: str, settings: Settings, site_dir: str = "") -> str:
    """Why this command must not run with these folders and this environment, in one line; empty when it may."""
    try:
        if command in {"build", "serve"}:  # MkDocs stamps it into the sitemap
            source_date_epoch(os.environ.get(SOURCE_DATE_EPOCH))
        check_docs_folder(settings)
        if site_dir:
            # mkdocs runs in the project folder: a relative site_dir is from there
            target = Path(site_dir) if Path(site_dir).is_absolute() else settings.root / site_dir
            check_site_folder(settings, target, f"--site-dir {site_dir}")
    except (BuildTimeError, UnsafeOutput) as error:
        return f"qantar {command}: {error}"
    return ""


def cmd_build(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root))
    refusal = _refusal("build", load_settings(root), args.site_dir)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    code = cmd_generate(args)
    if code:
        return code
    extra = ["--site-dir", args.site_dir] if args.site_dir else []
    # The hook adds the offline copy after the build (offline.add_offline_copy), as for a plain `mkdocs build`.
    return _mkdocs(root, "build", "--strict", *extra)


def cmd_serve(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root))
    refusal = _refusal("serve", load_settings(root))
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    code = cmd_check(args)  # refuse to start on a record with an error; the hook's first build generates the pages
    if code:
        return code
    environment = engine_environment()
    # The hook generates pages on every build, so edits to sources/ and claims/ show up live. The engine
    # rewrites exactly the pages whose Markdown changed, so MkDocs' dirty rebuild (only newer pages) is complete
    # and takes seconds instead of a whole-site rebuild (README, Performance).
    dirty = [] if args.full_rebuilds else ["--dirty"]
    return subprocess.call(
        [sys.executable, "-m", "mkdocs", "serve", *dirty, "--dev-addr", args.dev_addr], cwd=root, env=environment
    )


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(find_root(Path(args.root)))


def _ask(prompt: str) -> str:
    try:
        return input(f"{prompt}: ").strip()
    except EOFError:
        return ""


def _pasted_quote(answer: str) -> str:
    """What an editor pastes at the quote prompt: the words, or the whole line `qantar quote` printed."""
    text = answer.strip()
    if text.startswith("quote:"):
        text = text.removeprefix("quote:").strip()
        if len(text) >= 2 and text[0] == text[-1] == '"':
            try:
                text = str(json.loads(text))
            except json.JSONDecodeError:
                text = text[1:-1]
    return text


def _source_languages(settings: Settings, source_id: str) -> list[str]:
    """The languages a source declares (main one first), or none when it cannot be read."""
    path = settings.root / settings.sources / f"{source_id}.md"
    raw = load_source(path, settings.root, Problems()) if path.is_file() else None
    languages = raw.data.get("languages") if raw is not None and isinstance(raw.data, dict) else None
    return [str(code) for code in languages] if isinstance(languages, list) else []


def _ask_missing(names: list[str], given: dict[str, str], options: dict[str, NewOption]) -> None:
    """Ask for each missing field at the terminal (the quote prompt takes what `qantar quote` printed)."""
    for name in names:
        choices = options[name].choices if name in options else ()
        answer = _ask(name.replace("_", " ") + (f" ({', '.join(choices)})" if choices else ""))
        if name == "quote":
            answer = _pasted_quote(answer)
        if answer:
            given[name] = answer


def cmd_new(args: argparse.Namespace) -> int:
    settings = _settings(args)
    options = {option.name: option for option in new_options(args.kind)}
    given = {name: getattr(args, name) for name in options if name != "kind" and getattr(args, name, None)}
    if getattr(args, "kind_value", None):
        given["kind"] = args.kind_value
    interactive = sys.stdin.isatty()

    def still_missing() -> list[str]:
        missing = [name for name in ESSENTIALS[args.kind] if name not in given]
        if args.kind == "claim" and given.get("quote"):  # a quote in Cyrillic needs its language and translation
            languages = _source_languages(settings, given.get("source", ""))
            missing += list(translation_needed(given["quote"], set(given), languages))
        return missing

    if still_missing() and interactive:
        _ask_missing(still_missing(), given, options)
        if still_missing():  # the quote just typed may be in Cyrillic: ask for what it needs too
            _ask_missing(still_missing(), given, options)
    missing = still_missing()
    if missing:
        flags = " ".join(f"{options[name].flags[0]} …" for name in missing)
        why = " (the quote is in Cyrillic)" if "translation" in missing else ""
        print(f"qantar new {args.kind}: give {flags}{why}", file=sys.stderr)
        return 1
    evidence = {name for name, option in options.items() if option.evidence}
    values: dict[str, object] = {k: v for k, v in given.items() if k not in evidence | {"from_file"}}
    for spec in SCHEMAS[args.kind].fields:
        if spec.type in LISTS and isinstance(values.get(spec.name), str):
            values[spec.name] = [part.strip() for part in str(values[spec.name]).split(",") if part.strip()]
    if args.kind == "claim":
        values["evidence"] = [{"stance": "reports", **{k: v for k, v in given.items() if k in evidence}}]
    if args.kind == "source" and given.get("from_file"):
        try:
            values["__text__"] = Path(given["from_file"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"qantar new source: cannot read {given['from_file']}: {error}", file=sys.stderr)
            return 1
    try:
        record = new_record(settings, args.kind, values)
        write_new(record)
    except ScaffoldError as error:
        print(f"qantar new {args.kind}: {error}", file=sys.stderr)
        return 1
    created = record.path.relative_to(settings.root).as_posix()
    # the scaffold's header line names "(required)" too: count only the fields still marked
    still_required = [line for line in record.text.splitlines() if line.rstrip().endswith("(required)")]
    todo = (
        "fill in the fields marked (required)"
        if still_required
        else "every required field is filled; read the commented (#) fields and use those that apply"
    )
    print(f"created {created}: {todo}, then run `qantar check`")
    return 0


def cmd_quote(args: argparse.Namespace) -> int:
    settings = _settings(args)
    path = settings.root / settings.sources / f"{args.source}.md"
    if not path.is_file():
        known = sorted(p.stem for p in (settings.root / settings.sources).glob("*.md"))
        hint = did_you_mean(args.source, known) or "sources are: " + ", ".join(known)
        print(f"qantar quote: no source '{args.source}'; {hint}", file=sys.stderr)
        return 1
    problems = Problems()
    raw = load_source(path, settings.root, problems)
    if raw is None:
        print(problems.report(), file=sys.stderr)
        return 1
    sentences = matching_sentences(raw.body, args.words)
    if not sentences:
        print(
            f"qantar quote: '{args.words}' is not in {path.relative_to(settings.root).as_posix()}; try fewer "
            "words, or words from the stored text rather than the web page",
            file=sys.stderr,
        )
        return 1
    quoted_by = _claims_quoting(settings, args.source)
    for sentence in sentences:
        print(f"    quote: {json.dumps(sentence, ensure_ascii=False)}")
        folded = normalise_plain(sentence).casefold()
        claims = sorted(
            {
                claim_id
                for claim_id, parts in quoted_by
                if any((len(part) >= 12 and part in folded) or folded in part for part in parts)
            }
        )
        if claims:
            print(
                f"    # already quoted by {', '.join(f'claims/{c}.yaml' for c in claims)}: add evidence there "
                "rather than a new claim, unless yours says something else"
            )
    return 0


def _claims_quoting(settings: Settings, source_id: str) -> list[tuple[str, list[str]]]:
    """(claim id, its quote's parts, normalised and case-folded) for every quote of this source, from the records
    that load (`qantar check` reports those that do not)."""
    result = check(settings)
    if result.corpus is None:
        return []
    return [
        (claim.id, [part.casefold() for part in quote_parts(item.quote)])
        for claim in result.corpus.claims.values()
        for item in claim.evidence
        if item.source == source_id
    ]


def cmd_schemas(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root))
    if args.check:
        stale = stale_schemas(root)
        for path in stale:
            print(f"{path}: out of date with scripts/qantar/model.py; run `qantar schemas`", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(root):
        print(f"wrote {path}")
    return 0


def cmd_check_urls(args: argparse.Namespace) -> int:
    result = check(_settings(args))
    if result.corpus is None:
        return 2
    dead = 0
    for status in check_sources(list(result.corpus.sources.values()), timeout=args.timeout):
        if status.alive:
            print(f"ok    {status.source.id}: {status.status} {status.source.url}")
            continue
        dead += 1
        archived = status.source.archived_url or "no archived copy recorded: add archived_url"
        print(f"DEAD  {status.source.id}: {status.status} {status.source.url} -> archived: {archived}")
        if args.github:
            print(
                f"::warning file={status.source.path},line=1::{status.source.url} does not answer "
                f"({status.status}); archived: {archived}"
            )
    print(f"{dead} dead of {len(result.corpus.sources)} source addresses")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="qantar", description="Validate, generate and publish the claims site.")
    main.add_argument("--root", default=".", help="the project folder (default: the current one or a parent)")
    main.add_argument("--github", action="store_true", help="also print problems as GitHub Actions annotations")
    # `qantar check --github` and `qantar --github check` both work: the flag is also on each validating command,
    # where it only takes effect when given (SUPPRESS keeps it from resetting the top-level value).
    annotated = argparse.ArgumentParser(add_help=False)
    annotated.add_argument(
        "--github",
        action="store_true",
        default=argparse.SUPPRESS,
        help="also print problems as GitHub Actions annotations",
    )
    commands = main.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser(
        "check", parents=[annotated], help="validate every record; print every problem; build nothing"
    )
    check_command.add_argument(
        "--base",
        default="",
        metavar="REF",
        help="the published corpus to compare record ids with: its ids must stay, as ids "
        "or redirect_from (default: where this branch left main)",
    )
    check_command.set_defaults(run=cmd_check)
    commands.add_parser(
        "generate", parents=[annotated], help="validate and write the generated Markdown pages under docs/"
    ).set_defaults(run=cmd_generate)
    build = commands.add_parser("build", parents=[annotated], help="generate, then `mkdocs build --strict` into site/")
    build.add_argument("--site-dir", default="", help="where to build the site (default: site/)")
    build.set_defaults(run=cmd_build)
    serve = commands.add_parser("serve", parents=[annotated], help="generate, then serve the site with live reload")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    serve.add_argument(
        "--full-rebuilds",
        action="store_true",
        help="rebuild every page after each change, not only the changed ones (slower)",
    )
    serve.set_defaults(run=cmd_serve)
    new = commands.add_parser("new", help="create a new record file with every field explained")
    kinds = new.add_subparsers(
        dest="kind",
        required=True,
        metavar="KIND",
        help=f"the kind of record: {', '.join(SCHEMAS)}; `qantar new KIND --help` lists its options",
    )
    for kind, schema in SCHEMAS.items():  # each kind's options come from its schema: one declaration
        sub = kinds.add_parser(kind, help=schema.description, description=schema.description.replace("%", "%%"))
        for option in new_options(kind):
            dest = "kind_value" if option.name == "kind" else option.name
            sub.add_argument(
                *option.flags,
                dest=dest,
                choices=option.choices or None,
                metavar=None if option.choices else option.name.upper(),
                help=option.help.replace("%", "%%"),
            )
        sub.set_defaults(run=cmd_new)
    quote = commands.add_parser("quote", help="print the stored sentences that hold these words, ready to paste")
    quote.add_argument("source", help="the source id (its file name in sources/ without .md)")
    quote.add_argument("words", help="a few words of the passage")
    quote.set_defaults(run=cmd_quote)
    schemas = commands.add_parser("schemas", help="write the JSON Schemas editors' tools use (docs/schemas/)")
    schemas.add_argument("--check", action="store_true", help="only check that they are up to date")
    schemas.set_defaults(run=cmd_schemas)
    urls = commands.add_parser("check-urls", parents=[annotated], help="report sources whose address no longer answers")
    urls.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each address")
    urls.set_defaults(run=cmd_check_urls)
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
        print(
            f"qantar: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in the engine, not in your records. Run again with QANTAR_DEBUG=1 for details "
            "and report it.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
