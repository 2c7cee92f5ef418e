"""The engine's shape: stages import only earlier stages, modules stay small, templates see only their page."""

from __future__ import annotations

import ast
from pathlib import Path

import jinja2
from jinja2 import meta

from qantar.site.render import HELPERS, TEMPLATES, Renderer

ENGINE = Path(__file__).resolve().parents[1] / "scripts" / "qantar"

# The stages in order; a module may import its own stage's modules and earlier ones, never a later one.
STAGES: list[set[str]] = [
    {"problems", "dates", "config", "quotes", "history", "licences", "nesting", "build_time", "quote_helper"},
    {"record_files"},
    {"load"},
    {"schemas"},
    {"model"},
    {"ids"},
    {"ordering", "editor_schemas"},
    {"look_alikes"},
    {"validate", "crosscheck", "meaning", "renames", "place_checks", "introduction"},
    {"link"},
    {"derive"},
    {"changes"},
    {"site.routes", "site.markup", "site.formats"},
    {"site.views", "site.timeline", "site.passages", "site.jsonld", "site.places", "site.summaries"},
    {"site.charts", "site.maps"},
    {"site.contexts"},
    {"site.list_pages"},
    {"site.pages", "site.place_pages"},
    {"site.render"},
    {"exports", "explorer_data", "feeds", "offline", "search_index", "transliterate"},
    {"publish", "output_folders"},
    {"build", "scaffold", "url_check"},
    {"cli"},
]
RANK = {name: number for number, names in enumerate(STAGES) for name in names}
# Records reach a template only through its page's context: these names must never be visible to one.
CORPUS_NAMES = {"corpus", "index", "facts", "history", "settings"}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ENGINE).with_suffix("").parts)


def _imports(path: Path) -> set[str]:
    """The engine modules a module imports (relative imports resolved)."""
    package = _module_name(path).split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [target] if node.module else [".".join([*base, alias.name]) for alias in node.names]
            found.update(name for name in names if name)
    return found


def engine_modules() -> list[Path]:
    return sorted(p for p in ENGINE.rglob("*.py") if p.name != "__init__.py")


def test_every_engine_module_has_a_stage() -> None:
    assert sorted(_module_name(p) for p in engine_modules() if _module_name(p) not in RANK) == []


def test_no_module_imports_a_later_stage() -> None:
    late = []
    for path in engine_modules():
        name = _module_name(path)
        for imported in _imports(path):
            if imported in RANK and RANK[imported] > RANK[name]:
                late.append(f"{name} imports {imported}")
    assert late == []


def test_no_engine_module_is_over_500_formatted_lines() -> None:
    """Counted as `ruff format` lays the code out (tests/test_pre_commit.py holds the code to it)."""
    long = {
        _module_name(p): n for p in engine_modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}


def test_only_the_markup_module_makes_markup() -> None:
    makers = [_module_name(p) for p in engine_modules() if "Markup(" in p.read_text(encoding="utf-8")]
    assert makers == ["site.markup"]


def test_templates_reach_no_record_collection() -> None:
    env = Renderer("Test").env
    assert not CORPUS_NAMES & set(env.globals)
    for template in sorted(TEMPLATES.glob("*.j2")):
        source = template.read_text(encoding="utf-8")
        names = meta.find_undeclared_variables(env.parse(source))
        assert not names & CORPUS_NAMES, f"{template.name} reads {sorted(names & CORPUS_NAMES)}"
        assert "depth" not in names, f"{template.name} counts folders itself; links come from routes"


def test_template_helpers_are_functions_of_their_arguments() -> None:
    for name, helper in HELPERS.items():
        assert callable(helper), name
        assert not isinstance(helper, (dict, list)), name
    assert isinstance(Renderer("Test").env.undefined, type) and issubclass(
        Renderer("Test").env.undefined, jinja2.StrictUndefined
    )
