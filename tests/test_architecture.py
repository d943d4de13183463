"""The house has no back doors: no import cycle, no private name across modules, light imports.

The import graph is read from the source with :mod:`ast` (no module is imported): every
``import x``, ``import x.y as z``, ``from . import x``, ``from .x import y`` and
``from remotecalc.x import y``, at module level and inside functions. Imports under
``if TYPE_CHECKING:`` are not executed, so they are not edges of the graph (their names are
still checked for privacy).

Rules (see DESIGN.md, "Rules of the house"):

* the import graph between the package's modules has no cycle;
* no private name (``_name``, not ``__dunder__``) of one module is used by another, neither
  imported (``from .x import _y``) nor read as an attribute of an imported module
  (``x._y``). A module whose own name starts with ``_`` (``remotecalc/_numeric.py``) is a
  documented internal module: importing it, and its public names, is allowed;
* ``import remotecalc`` loads no heavy optional library, and ``remotecalc --help`` loads
  neither pandas nor numpy.
"""

from __future__ import annotations

import ast
import functools
import itertools
import json
import os
import subprocess
import sys
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "remotecalc"
PACKAGE_DIR = ROOT / PACKAGE


# --- reading the package -------------------------------------------------------------------


def _module_files() -> dict[str, Path]:
    """Every module of the package: dotted name -> file (``pkg/__init__.py`` -> ``pkg``)."""
    out = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _module_files()
PACKAGES = {name for name, path in MODULES.items() if path.name == "__init__.py"}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_internal_module(module: str) -> bool:
    """A documented internal module: its own (last) name starts with ``_``."""
    return _is_private(module.rsplit(".", 1)[-1])


@dataclass(frozen=True)
class Import:
    importer: str  # module doing the import
    line: int
    target: str  # package module depended on
    names: tuple  # names taken from ``target`` (``from target import names``)
    runtime: bool  # False under ``if TYPE_CHECKING:``


@dataclass(frozen=True)
class Use:
    user: str
    line: int
    module: str  # package module whose attribute is read
    name: str


def _resolve_from(importer: str, node: ast.ImportFrom) -> str | None:
    """Absolute module name of ``from <module> import ...`` (None: outside the package)."""
    if node.level == 0:
        base = node.module or ""
    else:
        # a package's __init__ is its own package; a module's package is its parent
        pkg = importer if importer in PACKAGES else importer.rsplit(".", 1)[0]
        parts = pkg.split(".")
        if node.level - 1:
            parts = parts[: -(node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    if base == PACKAGE or base.startswith(PACKAGE + "."):
        return base
    return None


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = (
                test.id
                if isinstance(test, ast.Name)
                else test.attr
                if isinstance(test, ast.Attribute)
                else None
            )
            if name == "TYPE_CHECKING":
                for child in node.body:
                    inside.update(id(n) for n in ast.walk(child))
    return inside


def _attribute_chain(node: ast.Attribute) -> list[str] | None:
    """``a.b.c`` -> ['a', 'b', 'c'] (None when the chain does not start at a name)."""
    chain = []
    while isinstance(node, ast.Attribute):
        chain.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    chain.append(node.id)
    return chain[::-1]


@functools.cache
def _tree(path: Path) -> ast.Module:
    """A module's syntax tree, parsed once per run (three checks walk every module)."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _scan(module: str, path: Path) -> tuple[list[Import], list[Use]]:
    tree = _tree(path)
    not_run = _type_checking_nodes(tree)
    imports: list[Import] = []
    bound: dict[str, str] = {}  # local name -> package module it is bound to (file-wide)
    for node in ast.walk(tree):
        runtime = id(node) not in not_run
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not (alias.name == PACKAGE or alias.name.startswith(PACKAGE + ".")):
                    continue
                if alias.name in MODULES:
                    imports.append(Import(module, node.lineno, alias.name, (), runtime))
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:  # ``import remotecalc.x`` binds ``remotecalc``
                    bound[alias.name.split(".")[0]] = PACKAGE
        elif isinstance(node, ast.ImportFrom):
            base = _resolve_from(module, node)
            if base is None:
                continue
            plain = []
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in MODULES:  # ``from pkg import submodule``
                    imports.append(Import(module, node.lineno, sub, (), runtime))
                    bound[alias.asname or alias.name] = sub
                else:
                    plain.append(alias.name)
            if plain and base in MODULES:
                imports.append(Import(module, node.lineno, base, tuple(plain), runtime))
    uses = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not isinstance(node.ctx, ast.Load):
            continue
        chain = _attribute_chain(node)
        if not chain or chain[0] not in bound:
            continue
        target = bound[chain[0]]
        rest = chain[1:]
        while rest and f"{target}.{rest[0]}" in MODULES:
            target = f"{target}.{rest[0]}"
            rest = rest[1:]
        # only the innermost attribute of the chain is reported (ast.walk visits each level)
        if len(rest) == 1 and _is_private(rest[0]) and target != module:
            uses.append(Use(module, node.lineno, target, rest[0]))
    return imports, uses


class _ScanOnFirstUse(Mapping):
    """module -> (imports, uses), every module read on first use: not when this file is
    collected (in every xdist worker), only where a test of it runs."""

    def __init__(self) -> None:
        self._scanned: dict[str, tuple[list[Import], list[Use]]] | None = None

    def _all(self) -> dict[str, tuple[list[Import], list[Use]]]:
        if self._scanned is None:
            self._scanned = {m: _scan(m, p) for m, p in MODULES.items()}
        return self._scanned

    def __getitem__(self, module: str) -> tuple[list[Import], list[Use]]:
        return self._all()[module]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


SCANNED: Mapping[str, tuple[list[Import], list[Use]]] = _ScanOnFirstUse()


def _where(module: str, line: int) -> str:
    return f"{MODULES[module].relative_to(ROOT)}:{line}"


# --- cycles ----------------------------------------------------------------------------------


def import_graph(type_checking: bool = False) -> dict[str, dict[str, int]]:
    """importer -> {imported module: first line} for the imports that run (with
    ``type_checking``, also those under ``if TYPE_CHECKING:``)."""
    graph: dict[str, dict[str, int]] = {m: {} for m in MODULES}
    for imports, _ in SCANNED.values():
        for imp in imports:
            if (imp.runtime or type_checking) and imp.target != imp.importer:
                graph[imp.importer].setdefault(imp.target, imp.line)
                graph[imp.importer][imp.target] = min(graph[imp.importer][imp.target], imp.line)
    return graph


def strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:  # the process's limit is restored: other tests rely on the default
        for v in sorted(graph):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return out


def shortest_cycle(graph, start: str, within: set[str]) -> list[str]:
    """The shortest path start -> ... -> start inside one component (breadth first)."""
    prev = {start: None}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for w in sorted(graph[v]):
            if w not in within:
                continue
            if w == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return [*path[::-1], start]
            if w not in prev:
                prev[w] = v
                queue.append(w)
    return []


def import_cycles() -> list[str]:
    """One line per distinct cycle: each module's shortest cycle, with file:line of each edge."""
    graph = import_graph()
    lines, seen = [], set()
    for comp in strongly_connected(graph):
        members = set(comp)
        for start in comp:
            path = shortest_cycle(graph, start, members)
            key = frozenset(itertools.pairwise(path))
            if not path or key in seen:
                continue
            seen.add(key)
            hops = [f"{a} ({_where(a, graph[a][b])})" for a, b in itertools.pairwise(path)]
            lines.append(" -> ".join([*hops, path[-1]]))
    return lines


# --- private names -----------------------------------------------------------------------------


def private_name_uses() -> list[str]:
    out = []
    for module, (imports, uses) in SCANNED.items():
        for imp in imports:
            for name in imp.names:
                if _is_private(name) and imp.target != module:
                    out.append(
                        f"{_where(module, imp.line)}: {module} imports private name "
                        f"{name!r} from {imp.target} (`from {imp.target} import {name}`)"
                    )
        for use in uses:
            out.append(
                f"{_where(module, use.line)}: {module} reads private attribute "
                f"{use.module}.{use.name}"
            )

    def where(text):  # file, then line as a number
        path, line = text.split(":")[:2]
        return path, int(line), text

    return sorted(set(out), key=where)


# --- the tests -----------------------------------------------------------------------------------


def test_every_module_is_scanned():
    assert f"{PACKAGE}.cli" in MODULES and f"{PACKAGE}.analysis.sweep" in MODULES
    # function-level imports count: cli imports the readers inside a command
    targets = {imp.target for imp in SCANNED[f"{PACKAGE}.cli"][0]}
    assert any(t.startswith(PACKAGE + ".") for t in targets)


def test_scanner_sees_cycles_and_private_names(tmp_path, monkeypatch):
    """The checks themselves catch what they are meant to catch (on a made-up package)."""
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .b import public\n")
    (pkg / "b.py").write_text("def f():\n    from . import a\n    return a._hidden\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "c.py").write_text(
        "from ..a import _secret\nfrom .._internal import ok\nfrom .. import _internal\n"
    )
    (pkg / "_internal.py").write_text("ok = 1\n")
    global MODULES, PACKAGES, SCANNED
    saved = MODULES, PACKAGES, SCANNED
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE_DIR", pkg)
    try:
        MODULES = _module_files()
        PACKAGES = {n for n, p in MODULES.items() if p.name == "__init__.py"}
        SCANNED = {m: _scan(m, p) for m, p in MODULES.items()}
        cycles = import_cycles()
        assert len(cycles) == 1 and "remotecalc.a" in cycles[0] and "remotecalc.b" in cycles[0]
        private = private_name_uses()
        assert len(private) == 2, private
        assert any("sub/c.py:1" in p and "'_secret'" in p for p in private)
        assert any("b.py:3" in p and "remotecalc.a._hidden" in p for p in private)
    finally:
        MODULES, PACKAGES, SCANNED = saved


def test_no_import_cycles():
    cycles = import_cycles()
    assert not cycles, (
        f"{len(cycles)} import cycle(s) between package modules (module "
        "(file:line of the import) -> imported module):\n  " + "\n  ".join(cycles)
    )


def test_no_import_cycles_with_type_checking_imports():
    """Type-checking imports are dependencies too: no cycle with them either."""
    graph = import_graph(type_checking=True)
    cyclic = [c for c in strongly_connected(graph) if len(c) > 1]
    assert not cyclic, f"import cycles counting TYPE_CHECKING imports: {cyclic}"


#: The package's layers, bottom first: a folder (subpackage) imports only from its own folder
#: and the layers below it. Top-level modules other than ``__init__`` are the bottom layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_version", "errors", "_numeric", "exports", "data"),
    ("i18n",),
    ("formulas",),
    ("inputs",),
    ("model", "datasets"),
    ("evaluation",),
    ("analysis", "estimation"),
    ("outputs",),
    ("explorer",),
    ("cli",),
    ("",),  # remotecalc/__init__.py: the public API, lazily
)


def _layer_of(module: str) -> tuple[int, str]:
    parts = module.split(".")
    folder = parts[1] if len(parts) > 1 else ""
    for rank, names in enumerate(LAYERS):
        if folder in names:
            return rank, folder
    raise AssertionError(f"{module}: its folder {folder!r} is in no layer of LAYERS")


def test_folders_import_only_downward():
    """Every import (type-checking ones included) goes to the same folder or a lower layer,
    so the folders themselves have no cycle."""
    upward = []
    for importer, targets in import_graph(type_checking=True).items():
        rank, folder = _layer_of(importer)
        for target, line in targets.items():
            t_rank, t_folder = _layer_of(target)
            if t_folder != folder and t_rank >= rank:
                upward.append(f"{_where(importer, line)} -> {target}")
    assert not upward, "imports that go up (or sideways) between layers:\n  " + "\n  ".join(upward)


def test_no_private_names_across_modules():
    uses = private_name_uses()
    assert not uses, (
        f"{len(uses)} private name(s) used across modules; make them public "
        "(documented) or move them into an internal `_module`:\n  " + "\n  ".join(uses)
    )


HEAVY = (
    "matplotlib",
    "scipy",
    "pandera",
    "statsmodels",
    "openpyxl",
    "jinja2",
    "weasyprint",
    "SALib",
    "dask",
    "typer",
)


def _modules_after(code: str) -> set[str]:
    """Top-level names in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = (
        f"{code}\nimport json, sys\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return set(json.loads(run.stdout.strip().splitlines()[-1]))


def test_import_remotecalc_is_light():
    loaded = _modules_after("import remotecalc")
    heavy = sorted(set(HEAVY) & loaded)
    assert not heavy, f"`import remotecalc` loads {', '.join(heavy)}; import them where used"


def test_cli_help_loads_neither_pandas_nor_numpy():
    code = (
        "import contextlib, io, sys\nsys.argv = ['remotecalc', '--help']\n"
        "from remotecalc.cli.main import app\n"
        "with contextlib.redirect_stdout(io.StringIO()) as buf:\n"
        "    try:\n        app()\n    except SystemExit as e:\n        assert not e.code\n"
        "assert 'assess' in buf.getvalue() and 'sweep' in buf.getvalue()\n"
    )
    loaded = _modules_after(code)
    heavy = sorted((set(HEAVY) - {"typer"} | {"pandas", "numpy"}) & loaded)
    assert not heavy, f"`remotecalc --help` loads {', '.join(heavy)}"


@pytest.mark.parametrize(
    "name",
    [
        "assess",
        "read_staffing",
        "Workforce",
        "plotting",
        "analysis",
        "estimation",
        "datasets",
        "sweep",
        "report",
        "Scenario",
    ],
)
def test_lazy_public_names_still_work(name):
    import remotecalc as rc

    assert name in rc.__all__ or name == "estimation"
    assert name in dir(rc)
    assert getattr(rc, name) is not None


def test_lazy_names_match_all():
    import remotecalc as rc

    errors = {"ParameterError", "RemotecalcError", "ScenarioError", "StaffingError"}
    assert set(rc.__all__) == set(rc._LAZY) | errors
    for name in rc.__all__:
        assert getattr(rc, name) is not None, name
    assert callable(rc.report) and callable(rc.read_staffing)


# --- backend dispatch: one module, and the model and analyses know nothing of Dask ----------

#: The one module that decides between pandas and Dask (and the only one that defines
#: ``is_dask``); the Dask backend itself.
DISPATCH = f"{PACKAGE}.evaluation.backend"
DASK_BACKEND = f"{PACKAGE}.evaluation.distributed"


def _third_party_imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level name) of every import of a module outside the package."""
    out = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".")[0]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module.split(".")[0]))
    return out


def test_model_and_analysis_never_import_the_dask_backend():
    """No module under model/ or analysis/ imports the Dask backend or dask (type-checking
    imports included): they reach Dask only through the public entry points' dispatch."""
    found = []
    for module, path in MODULES.items():
        if module.split(".")[1:2] not in (["model"], ["analysis"]):
            continue
        for imp in SCANNED[module][0]:
            if imp.target == DASK_BACKEND:
                found.append(f"{_where(module, imp.line)} -> {imp.target}")
        for line, name in _third_party_imports(path):
            if name in ("dask", "distributed"):
                found.append(f"{_where(module, line)} -> {name}")
    assert not found, "the model and analysis layers import Dask:\n  " + "\n  ".join(found)


def test_backend_dispatch_lives_in_one_module():
    """``is_dask`` is defined once (in the dispatch module); only it, and the Dask backend
    itself, import the Dask backend (the CLI's ``csv_to_parquet`` command aside)."""
    defined = [
        f"{MODULES[m].relative_to(ROOT)}:{node.lineno}"
        for m, path in MODULES.items()
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.FunctionDef) and node.name == "is_dask"
    ]
    where = str(MODULES[DISPATCH].relative_to(ROOT))
    assert len(defined) == 1 and defined[0].startswith(where + ":"), (
        f"is_dask is defined in {defined}, not once in {where}"
    )
    importers = sorted(
        m
        for m, (imports, _) in SCANNED.items()
        if any(imp.target == DASK_BACKEND and imp.runtime for imp in imports)
    )
    assert importers == sorted([DISPATCH, f"{PACKAGE}.cli.main"]), importers
    main_imports = [
        imp.names for imp in SCANNED[f"{PACKAGE}.cli.main"][0] if imp.target == DASK_BACKEND
    ]
    assert main_imports == [("csv_to_parquet",)], main_imports
