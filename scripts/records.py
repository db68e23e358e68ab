"""Les enregistrements typés que partagent le worker, l'exécuteur, `freeze.py` et les tests.

- `CellResult` : ce qu'une cellule a produit (sortie, avertissements, figures, exception) ;
- `Failure` : un snippet qui n'a pas pu finir (plantage du processus, délai dépassé) ;
- `RunResult` : la réponse du worker pour un snippet ;
- `Record` : ce qui est versionné pour tout ce que le moteur exécute, un snippet
  (`_freeze/<chap>/<nom>/meta.json`) comme un notebook exécuté de haut en bas (`_freeze/notebooks/<nom>.json`,
  une cellule par cellule de code, nommée `snippets/<chap>/<nom>.py:<cellule>`).

Un enregistrement illisible (fichier tronqué, JSON invalide, UTF-8 coupé, champ manquant) se lit comme absent :
le snippet est alors périmé et sera ré-exécuté, jamais une exception qui ne nomme pas le fichier.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

SCHEMA = 3  # forme des enregistrements ; 3 : un seul type pour les snippets et les notebooks


@dataclass
class ErrorInfo:
    type: str
    message: str  # dernière ligne, « ValueError: … »
    traceback: str  # à partir du snippet : « Traceback (most recent call last): … »
    line: int | None  # ligne du snippet où l'exception est née


@dataclass
class FigureInfo:
    file: str  # nom du PNG dans docs/figures/<chap>/
    alt: str  # titre de la figure, texte alternatif
    sha256: str = ""  # empreinte du PNG publié (écrite par l'exécuteur, vérifiée par --check et les tests)


@dataclass
class CellResult:
    name: str
    stdout: str = ""
    stderr: str = ""  # ce que Python a écrit sur sys.stderr (logging compris) : montré à part, non vérifié
    warnings: list[str] = field(default_factory=list)
    figures: list[FigureInfo] = field(default_factory=list)
    error: ErrorInfo | None = None
    seconds: float = 0.0
    truncated: int = 0  # nombre de lignes de sortie non conservées (sortie trop longue)

    @property
    def shown_text(self) -> str:
        """Ce que la cellule a affiché, exception déclarée comprise : ce que comparent les lignes `#>`."""
        return self.stdout + (self.error.traceback + "\n" if self.error else "")


@dataclass
class Failure:
    kind: str  # "crash" | "timeout"
    message: str  # une ligne, pour le lecteur
    cell: str | None = None  # la cellule en cours quand c'est arrivé
    line: int | None = None  # ligne du snippet (pile de faulthandler, SyntaxError)
    log: str = ""  # la fin de la sortie d'erreur du processus (pile, message C)


@dataclass
class RunResult:
    cells: list[CellResult] = field(default_factory=list)
    failure: Failure | None = None
    seconds: float = 0.0
    state_changes: list[str] = field(default_factory=list)  # état global laissé modifié par le snippet
    exited: bool = False  # le script s'est arrêté par sys.exit(0) : les cellules suivantes ne s'exécutent pas
    leftovers: list[str] = field(default_factory=list)  # processus et sockets encore là à la fin du snippet
    observed: dict = field(default_factory=dict)  # ce que le snippet a lu (observe.py), avec les empreintes


@dataclass
class Record:
    source: str  # ce qui a été exécuté : snippets/<chap>/<nom>.py ou docs/notebooks/<nom>.ipynb
    key: str
    status: str  # "ok" | "error"
    versions: dict[str, str]
    executed: str  # date ISO
    seconds: float
    cells: list[CellResult]
    fragments: dict[str, str] = field(default_factory=dict)  # nom de fichier → sha256 de son contenu (snippet)
    state_changes: list[str] = field(default_factory=list)
    published: dict[str, str] = field(default_factory=dict)  # fichier publié (chemin relatif) → sha256
    observed: dict = field(default_factory=dict)  # lu pendant l'exécution (observe.py) : revérifié par --check
    inputs: dict = field(default_factory=dict)  # ce que couvre la clé (cache_key.key_inputs) : dit ce qui a changé
    schema: int = SCHEMA

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_dict(cls, data: dict) -> "Record":
        if data.get("schema") != SCHEMA:
            raise ValueError("schéma d'enregistrement inconnu")
        data = dict(data)
        data["cells"] = [cell_from_dict(c) for c in data["cells"]]
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def cell_from_dict(data: dict) -> CellResult:
    data = dict(data)
    data["figures"] = [FigureInfo(**{k: v for k, v in f.items() if k in ("file", "alt", "sha256")})
                       for f in data.get("figures", [])]
    data["error"] = ErrorInfo(**data["error"]) if data.get("error") else None
    return CellResult(**{f.name: data[f.name] for f in fields(CellResult) if f.name in data})


def run_from_dict(data: dict) -> RunResult:
    return RunResult(
        cells=[cell_from_dict(c) for c in data.get("cells", [])],
        failure=Failure(**data["failure"]) if data.get("failure") else None,
        seconds=data.get("seconds", 0.0),
        state_changes=list(data.get("state_changes", [])),
        exited=bool(data.get("exited", False)),
        leftovers=list(data.get("leftovers", [])),
        observed=dict(data.get("observed", {})),
    )


def read_record(path: Path) -> Record | None:
    """L'enregistrement, ou None s'il manque ou s'il est illisible de quelque façon que ce soit."""
    try:
        return Record.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # UnicodeDecodeError est un ValueError
        return None
