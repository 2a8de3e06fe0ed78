"""The package's shape holds: stages import only downwards, no cycles, heavy libraries in one place.

Reads every module's imports with `ast` (imports inside functions count too) and names the
file and the imported name whenever a rule breaks. See docs/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "readiness"

# Stage of each top-level part of the package: a module may import its own stage or lower ones.
STAGES = {
    "readiness": 0,  # __init__: the version only
    "formats": 1,
    "content": 2,
    "assess": 3,
    "report": 4,
    "exchange": 4,
    "batch": 5,  # many answers files at once: the worker function and its process pool
    "api": 5,
    "cli": 6,
    "web": 6,
    "__main__": 7,
}
# Third-party libraries that may be imported only by these modules (and nothing else).
CONFINED = {
    "click": ("readiness.cli.",),
    "weasyprint": ("readiness.report.pdf",),
    "jinja2": ("readiness.report.", "readiness.web."),
    "openpyxl": ("readiness.exchange.",),
    "flask": ("readiness.web.",),
    "werkzeug": ("readiness.web.",),
}
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, name: str) -> list[tuple[int, str]]:
    """(line, imported module) for every import in the file, wherever it stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import: resolve against this module's package
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            found.append((node.lineno, base))
            # `from readiness.report import charts` imports the module readiness.report.charts
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
    return found


def _internal_edges() -> dict[str, list[tuple[int, str]]]:
    modules = _modules()
    edges: dict[str, list[tuple[int, str]]] = {}
    for name, path in modules.items():
        edges[name] = [(line, imp) for line, imp in _imports(path, name) if imp in modules]
    return edges


def _stage(module: str) -> int:
    parts = module.split(".")
    return STAGES[parts[1]] if len(parts) > 1 else STAGES["readiness"]


def test_every_module_belongs_to_a_known_stage() -> None:
    unknown = sorted(m for m in _modules() if m != "readiness" and m.split(".")[1] not in STAGES)
    assert not unknown, f"modules outside the known stages (add them to STAGES): {unknown}"


def test_no_stage_imports_a_stage_above_it() -> None:
    modules = _modules()
    wrong = [
        f"{modules[name].relative_to(PACKAGE.parent)}:{line}: {name} (stage {_stage(name)}) "
        f"imports {imp} (stage {_stage(imp)})"
        for name, imports in _internal_edges().items()
        for line, imp in imports
        if _stage(imp) > _stage(name)
    ]
    assert not wrong, "upward imports:\n" + "\n".join(wrong)


def test_no_import_cycles() -> None:
    edges = {
        name: sorted({imp for _, imp in imps} - {name}) for name, imps in _internal_edges().items()
    }
    # a package's __init__ is imported with each of its modules; an edge to a parent package
    # counts only when that __init__ imports something itself
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("library", sorted(CONFINED))
def test_heavy_libraries_stay_in_their_module(library: str) -> None:
    allowed = CONFINED[library]
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {imp}"
        for name, path in _modules().items()
        if not any(name == a or name.startswith(a) for a in allowed)
        for line, imp in _imports(path, name)
        if imp == library or imp.startswith(library + ".")
    ]
    assert not wrong, f"{library} imported outside {allowed}:\n" + "\n".join(wrong)


def test_modules_stay_small() -> None:
    big = {
        str(path.relative_to(PACKAGE.parent)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not big, f"modules over {MAX_LINES} lines (split them by responsibility): {big}"


def test_rules_catch_a_violation(tmp_path: Path) -> None:
    """The checker itself: a module that imports upwards and a cycle are both found."""
    content = tmp_path / "readiness" / "content"
    content.mkdir(parents=True)
    (tmp_path / "readiness" / "__init__.py").write_text("")
    (content / "__init__.py").write_text("")
    (content / "a.py").write_text("from readiness.cli import app\nimport readiness.content.b\n")
    (content / "b.py").write_text("def f():\n    from readiness.content import a\n")
    found = {imp for _, imp in _imports(content / "a.py", "readiness.content.a")}
    assert "readiness.cli.app" in found and "readiness.content.b" in found
    lazy = {imp for _, imp in _imports(content / "b.py", "readiness.content.b")}
    assert "readiness.content.a" in lazy  # imports inside functions are seen
    assert _stage("readiness.cli.app") > _stage("readiness.content.a")
