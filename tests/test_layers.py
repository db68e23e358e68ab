"""L'outillage de scripts/ n'a aucun cycle d'import : chaque module ne dépend que de modules plus bas
(sources et cellules ; enregistrements et clés ; exécution ; rendu ; hooks et commandes). Tous les imports
comptent, y compris ceux faits dans une fonction : un import « tardif » qui contourne un cycle en est un."""

import ast
from pathlib import Path

from conftest import ROOT


def import_graph(folder: Path) -> dict[str, set[str]]:
    """Module → modules du même dossier qu'il importe (au niveau du module ou dans une fonction)."""
    modules = {p.stem for p in folder.glob("*.py")}
    graph = {}
    for path in folder.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
        graph[path.stem] = found & modules - {path.stem}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Les cycles trouvés par un parcours en profondeur (chacun une fois, à partir de son plus petit nom)."""
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "en cours"
        for child in sorted(graph.get(node, ())):
            if state.get(child) == "en cours":
                cycle = path[path.index(child):] + [child]
                start = cycle.index(min(cycle[:-1]))
                found.append(cycle[start:-1] + cycle[:start] + [cycle[start]])
            elif child not in state:
                visit(child, path + [child])
        state[node] = "fini"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_cycle_detection_finds_a_cycle_through_a_late_import():
    graph = {"freeze": {"records", "export_notebooks"}, "export_notebooks": {"freeze"}, "records": set()}
    assert cycles(graph) == [["export_notebooks", "freeze", "export_notebooks"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_scripts_have_no_import_cycle():
    graph = import_graph(ROOT / "scripts")
    assert len(graph) > 10
    assert cycles(graph) == [], "cycle d'import dans scripts/ : " + " ; ".join(" → ".join(c) for c in cycles(graph))
