"""Mesure la tolérance qu'il faut à chaque nombre des lignes `#>` d'un snippet, au lieu de la deviner.

    .venv/bin/python scripts/tolerances.py snippets/cnn/entrainement.py           # tous les réglages
    .venv/bin/python scripts/tolerances.py cnn --envs sse41,1fil --json a.json    # une partie, enregistrée
    .venv/bin/python scripts/tolerances.py cnn --previous a.json --apply          # + défaut ; écrit les ±

Une ligne `#>` doit tenir sur la machine du lecteur : même snippet, même graine, mais un autre processeur.
oneDNN choisit ses noyaux d'après le jeu d'instructions, et l'ordre des additions en virgule flottante change
avec lui et avec le nombre de fils. Une seule machine en imite d'autres : `ONEDNN_MAX_CPU_ISA` plafonne le
jeu d'instructions (SSE41, AVX, AVX2… jusqu'à celui du processeur), `TF_ENABLE_ONEDNN_OPTS=0` remplace oneDNN
par les noyaux Eigen (ce que fait TensorFlow sur un processeur ARM), `TF_NUM_INTRAOP_THREADS` fixe le nombre
de fils. On exécute le snippet sous chacun de ces réglages, **avec sa graine** : la dispersion d'une graine à
l'autre est une autre question, celle des affirmations de la prose (CONTRIBUTING.md).

Pour chaque nombre d'une ligne `#>`, l'outil donne ses valeurs et son écart maximal à l'exécution par défaut.
Un nombre qui n'a jamais bougé reste exact ; un nombre qui a bougé reçoit `±` (l'écart × 2, arrondi vers le
haut à un chiffre significatif), collé à lui : `justesse 0.873±0.004`. La règle est dans CONTRIBUTING.md.

Avec `--apply`, l'exécution par défaut (toujours faite par cette commande) devient les nouvelles lignes `#>`,
chaque nombre avec sa tolérance, et ses sorties sont enregistrées dans `_freeze/` comme le ferait
`execute.py` (les lignes `#>` ne font pas partie de la clé : rien n'est exécuté une fois de plus).
`--previous a.json b.json` ajoute les exécutions faites par d'autres commandes (en parallèle, par exemple).

Avec `--widen` (sur une machine d'un autre jeu d'instructions que celle des sorties publiées), les lignes `#>`
gardent leurs nombres, ceux de la page : seul le `±` d'un nombre qu'une exécution d'ici fait sortir de sa
tolérance est élargi (l'écart × 2, arrondi vers le haut). Rien n'est ré-enregistré : la page montre toujours
l'exécution publiée, et la vérification accepte maintenant aussi cette machine.

    .venv/bin/python scripts/tolerances.py cnn/entrainement --envs défaut --widen
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from execute import ROOT, Source, check_run, finish, record_run, select
from expected import ELLIPSIS, NUMBER, TOLERANT, line_matches, loose, strip_tolerances
from freeze import Layout, freeze_lock
from workers import WorkerProcess

MARGIN = 2.0  # 5 à 7 exécutions sous-estiment l'écart possible : on double le plus grand écart observé


@dataclass(frozen=True)
class Config:
    name: str
    env: tuple[tuple[str, str], ...] = ()  # toujours avec la graine du snippet

    def describe(self) -> str:
        réglages = ", ".join(f"{k}={v}" for k, v in self.env) or "réglages par défaut"
        return f"{self.name} ({réglages})"


ISA_LEVELS = [("SSE41", "sse4_1"), ("AVX", "avx"), ("AVX2", "avx2"), ("AVX512_CORE", "avx512f")]


def cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return set()
    line = next((line for line in text.splitlines() if line.startswith("flags")), "")
    return set(line.partition(":")[2].split())


def machine_configs() -> list[Config]:
    """Les réglages numériques que cette machine sait imiter, le défaut en premier : chaque jeu
    d'instructions que le processeur offre sous le sien, oneDNN désactivé, un et deux fils."""
    flags = cpu_flags()
    offered = [isa for isa, flag in ISA_LEVELS if flag in flags]
    configs = [Config("défaut")]
    configs += [Config(isa.lower(), (("ONEDNN_MAX_CPU_ISA", isa),)) for isa in offered[:-1]]
    configs.append(Config("sans-onednn", (("TF_ENABLE_ONEDNN_OPTS", "0"),)))
    configs += [Config(f"{n}fil", (("TF_NUM_INTRAOP_THREADS", str(n)),)) for n in (1, 2)
                if n != (os.cpu_count() or 1)]
    return configs


def nice_step(value: float) -> float:
    """La tolérance écrite : `value` arrondie vers le haut à un chiffre significatif (0,0615 → 0,07 ;
    0,255 → 0,3). Infinie si un nombre manque ou vaut nan dans une exécution (la ligne ne se vérifie pas)."""
    if value != value or value == math.inf:
        return math.inf
    if value <= 0:
        return 0.0
    exponent = math.floor(math.log10(value))
    unit = 10.0 ** exponent
    return float(f"{math.ceil(round(value / unit, 9)) * unit:.10g}")


def aligned_lines(patterns: list[str], actual_lines: list[str]) -> list[str | None]:
    """Pour chaque motif (dans l'ordre des lignes `#>`), la ligne de sortie qui lui correspond aux nombres
    près, en avançant dans la sortie comme le fait la comparaison façon doctest."""
    found, position = [], 0
    for pattern in patterns:
        hit = None
        if pattern.strip() != "...":
            regex, _ = loose(pattern)
            for index in range(position, len(actual_lines)):
                if regex.fullmatch(actual_lines[index].rstrip()):
                    hit, position = actual_lines[index], index + 1
                    break
        found.append(hit)
    return found


def aligned_numbers(patterns: list[str], actual_lines: list[str]) -> list[list[float] | None]:
    """Les nombres de chaque ligne alignée (None si la ligne manque ou si un nombre ne se lit pas)."""
    numbers = []
    for pattern, line in zip(patterns, aligned_lines(patterns, actual_lines)):
        match = loose(pattern)[0].fullmatch(line.rstrip()) if line is not None else None
        try:
            numbers.append([float(x) for x in match.groups()] if match else None)
        except ValueError:
            numbers.append(None)
    return numbers


def measure(layout: Layout, snippets: list[Path], configs: list[Config], keep: Path | None = None,
            save=None) -> dict:
    """Exécute chaque snippet sous chaque réglage ; renvoie les sorties par snippet et par réglage.
    `keep` : dossier où garder les figures et le résultat complet de la première exécution (pour --apply)."""
    runs: dict[str, list[dict]] = {layout.snippet_id(s): [] for s in snippets}
    for number, config in enumerate(configs):
        with WorkerProcess(layout.root, env=dict(config.env)) as worker, tempfile.TemporaryDirectory() as scratch:
            for snippet in snippets:
                source = Source.read(layout, snippet)
                figures = keep / layout.snippet_id(snippet) if keep and number == 0 else Path(scratch)
                figures.mkdir(parents=True, exist_ok=True)
                result = worker.run(snippet, source.text, figures, snippet.stem, 3600)
                problem = result.failure.message if result.failure else None
                print(f"  {layout.snippet_id(snippet)} — {config.describe()} : {result.seconds:.0f} s"
                      + (f" — {problem}" if problem else ""), flush=True)
                runs[layout.snippet_id(snippet)].append({
                    "config": config.describe(), "seconds": result.seconds,
                    "cells": {c.name: c.stdout for c in result.cells},
                    **({"result": result, "text": source.text} if number == 0 else {}),
                })
        if save:
            save(runs)  # après chaque réglage : une mesure interrompue n'est pas perdue
    return runs


def analyse(layout: Layout, snippet: Path, runs: list[dict]) -> list[dict]:
    """Pour chaque ligne `#>` à nombres : les valeurs de chaque nombre sur chaque exécution, son écart maximal
    à l'exécution de référence (la première) et la tolérance qui en découle (0 : le nombre n'a pas bougé) ;
    et si la ligne telle qu'écrite accepte toutes les exécutions."""
    source = Source.read(layout, snippet)
    rows = []
    for cell in source.cells:
        patterns = [line.text for line in cell.expected]
        aligned = [aligned_lines(patterns, run["cells"].get(cell.name, "").split("\n")) for run in runs]
        per_run = [aligned_numbers(patterns, run["cells"].get(cell.name, "").split("\n")) for run in runs]
        for index, line in enumerate(cell.expected):
            _, wanted = loose(line.text)
            observed = [numbers[index] for numbers in per_run]
            if not wanted or any(o is None or len(o) != len(wanted) for o in observed):
                continue
            reference = observed[0]
            deviations = [max(_diff(values[i], reference[i]) for values in observed) for i in range(len(wanted))]
            rows.append({
                "cell": cell.name, "index": index, "line": line.line, "text": line.text, "values": observed,
                "deviations": deviations, "tolerances": [nice_step(d * MARGIN) for d in deviations],
                "accepted": [line_matches(line.text, lines[index]) for lines in (a for a in aligned)],
            })
    return rows


def unmeasured_cells(layout: Layout, snippet: Path, runs: list[dict]) -> list[str]:
    """Les cellules qui affichent des nombres mais dont aucune ligne `#>` n'en contient : rien n'y est mesuré
    (un `#> ...` seul accepte tout), donc rien n'y sera vérifié non plus."""
    warnings = []
    for cell in Source.read(layout, snippet).cells:
        printed = runs[0]["cells"].get(cell.name, "") if runs else ""
        printed = re.sub(r"\d+(?:[.,]\d+)?\s?m?s\b", "", printed)  # les durées varient : « ... » leur convient
        patterns = [e.text for e in cell.expected]
        if NUMBER.search(printed) and not any(NUMBER.search(p.replace("...", "")) for p in patterns):
            warnings.append(f"  ATTENTION : la cellule « {cell.name} » affiche des nombres, mais ses lignes #> n'en "
                            "contiennent aucun : rien n'est mesuré ni vérifié. Écrivez-y les lignes de sa sortie "
                            "(nombres compris, « ... » pour les durées), puis relancez avec --apply.")
    return warnings


def _diff(a: float, b: float) -> float:
    """|a − b|, nan égal à nan et un infini égal à lui-même, et infini si un seul des deux est nan (perte qui
    diverge, par exemple)."""
    if a != a or b != b:
        return 0.0 if (a != a and b != b) else math.inf
    return 0.0 if a == b else abs(a - b)


def print_report(snippet_id: str, rows: list[dict], runs: list[dict]) -> None:
    print(f"\nsnippets/{snippet_id}.py — {len(runs)} exécutions :")
    for k, run in enumerate(runs):
        print(f"  [{k}] {run['config']} ({run['seconds']:.0f} s)")
    for row in rows:
        moved = [(i, d, t) for i, (d, t) in enumerate(zip(row["deviations"], row["tolerances"])) if d]
        refused = [k for k, ok in enumerate(row["accepted"]) if not ok]
        verdict = "aucun nombre n'a bougé" if not moved else "; ".join(
            f"nombre {i + 1} : écart {d:.3g} → ±{t:g}" for i, d, t in moved)
        if refused:
            verdict += f" ; la ligne écrite REFUSE les exécutions {refused}"
        print(f"  ligne {row['line']}: {row['text']}\n      {verdict}")


def rewritten(pattern: str, reference_line: str, tolerances: list[float]) -> str:
    """La ligne `#>` réécrite : le texte de la ligne (ses `...` compris), chaque nombre pris dans la sortie
    de référence et suivi de sa tolérance s'il a bougé."""
    regex, _ = loose(pattern)
    found = regex.fullmatch(reference_line.rstrip())
    values = iter(zip(found.groups(), tolerances))

    def number(_match: re.Match) -> str:
        text, tolerance = next(values)
        return f"{text}±{tolerance:g}" if tolerance else text

    return ELLIPSIS.join(NUMBER.sub(number, chunk) for chunk in strip_tolerances(pattern).rstrip().split(ELLIPSIS))


def apply(layout: Layout, snippet: Path, rows: list[dict], reference: dict) -> None:
    """Réécrit les lignes `#>` à nombres d'après l'exécution de référence (chaque nombre avec la tolérance
    mesurée autour de lui), puis enregistre cette exécution comme le ferait execute.py."""
    text = snippet.read_text(encoding="utf-8")
    if text != reference["text"]:
        print(f"{snippet}: modifié pendant la mesure ; rien n'est réécrit, relancez", file=sys.stderr)
        return
    lines = text.split("\n")
    source = Source.read(layout, snippet)
    outputs = {c.name: c.stdout.split("\n") for c in reference["result"].cells}
    for row in rows:
        cell = next(c for c in source.cells if c.name == row["cell"])
        patterns = [e.text for e in cell.expected]
        actual = aligned_lines(patterns, outputs.get(cell.name, []))[row["index"]]
        if actual is None:
            continue
        if math.inf in row["tolerances"]:
            print(f"  ligne {row['line']} : un nombre vaut nan dans une exécution seulement ; ligne laissée telle quelle")
            continue
        current = lines[row["line"] - 1]
        indent = current[: len(current) - len(current.lstrip())]
        lines[row["line"] - 1] = f"{indent}#> {rewritten(patterns[row['index']], actual, row['tolerances'])}"
    snippet.write_text("\n".join(lines), encoding="utf-8")
    source = Source.read(layout, snippet)
    problems = check_run(layout, source, reference["result"])
    if problems:
        print("\n".join(problems) + "\n(lignes #> réécrites ; rien n'est enregistré)", file=sys.stderr)
        return
    with freeze_lock(layout, "tolerances.py --apply"):
        record_run(layout, source, reference["result"], reference["figures"], [])
        finish(layout)
    print(f"{snippet.relative_to(layout.root)} : lignes #> réécrites et sortie enregistrée")


WRITTEN = re.compile(f"{TOLERANT.pattern}|{NUMBER.pattern}")


def widened(pattern: str, observed: list[list[float]]) -> str:
    """La ligne `#>` avec ses nombres tels qu'écrits, le `±` de chacun élargi juste assez (× MARGIN) pour
    accepter toutes les valeurs observées ; un nombre qui les accepte déjà n'est pas touché."""
    index = 0

    def token(match: re.Match) -> str:
        nonlocal index
        text = match["number"] if match["number"] is not None else match.group()
        limit = float(match["limit"]) if match["limit"] else 0.0
        want = float(text)
        allowed = limit / 100 * abs(want) if match["percent"] else limit
        deviation = max((_diff(values[index], want) for values in observed), default=0.0)
        index += 1
        if deviation <= allowed + 1e-12 or deviation == math.inf:
            return match.group()
        return f"{text}±{nice_step(deviation * MARGIN):g}"

    return ELLIPSIS.join(WRITTEN.sub(token, chunk) for chunk in pattern.rstrip().split(ELLIPSIS))


def widen(layout: Layout, snippet: Path, runs: list[dict]) -> int:
    """Élargit dans le snippet les tolérances que les exécutions `runs` dépassent ; renvoie le nombre de
    lignes réécrites."""
    lines = snippet.read_text(encoding="utf-8").split("\n")
    changed = 0
    for cell in Source.read(layout, snippet).cells:
        patterns = [e.text for e in cell.expected]
        per_run = [aligned_numbers(patterns, run["cells"].get(cell.name, "").split("\n")) for run in runs]
        for index, line in enumerate(cell.expected):
            observed = [numbers[index] for numbers in per_run]
            if not loose(line.text)[1] or any(o is None for o in observed):
                continue
            new = widened(line.text, observed)
            if new != line.text:
                current = lines[line.line - 1]
                lines[line.line - 1] = current[: current.index("#>")] + "#> " + new
                print(f"  ligne {line.line} : {line.text}\n            → {new}")
                changed += 1
    snippet.write_text("\n".join(lines), encoding="utf-8")
    return changed


def load_previous(paths: list[Path], wait: bool) -> dict:
    """Les exécutions enregistrées par d'autres commandes (`--json`) ; avec `--wait`, attend qu'elles aient
    fini (le fichier n'est écrit, atomiquement, qu'à la fin d'une mesure)."""
    merged: dict[str, dict] = {}
    for path in paths:
        while wait and not path.exists():
            time.sleep(10)
        for snippet_id, data in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(snippet_id, {"runs": []})["runs"] += data["runs"]
    return merged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="+", help="snippets, dossiers ou chapitres")
    every = machine_configs()
    parser.add_argument("--envs", default=",".join(c.name for c in every),
                        help=f"réglages à exécuter, parmi : {', '.join(c.describe() for c in every)}")
    parser.add_argument("--json", type=Path, help="enregistre les exécutions brutes dans ce fichier (à la fin)")
    parser.add_argument("--previous", type=Path, nargs="*", default=[],
                        help="ajoute les exécutions enregistrées par d'autres commandes (--json)")
    parser.add_argument("--wait", action="store_true", help="attend que les fichiers de --previous existent")
    parser.add_argument("--widen", action="store_true",
                        help="garde les nombres des lignes #> et n'élargit que les ± que ces exécutions dépassent")
    parser.add_argument("--apply", action="store_true",
                        help="exécute aussi le défaut, réécrit les lignes #> et enregistre l'exécution par défaut")
    args = parser.parse_args(argv)
    layout = Layout(ROOT)
    snippets = select(layout, args.targets)
    names = [n.strip() for n in args.envs.split(",") if n.strip()]
    unknown = set(names) - {c.name for c in every}
    if unknown:
        parser.error(f"réglage inconnu sur cette machine : {', '.join(sorted(unknown))}")
    if args.apply and "défaut" not in names:
        names.insert(0, "défaut")
    configs = sorted((c for c in every if c.name in names), key=lambda c: c.name != "défaut")
    with tempfile.TemporaryDirectory() as keep:
        runs = measure(layout, snippets, configs, Path(keep) if configs[0].name == "défaut" else None)
        if args.json:
            raw = {i: {"runs": [{k: v for k, v in r.items() if k not in ("result", "text")} for r in rs]}
                   for i, rs in runs.items()}
            partial = args.json.with_suffix(".partiel")
            partial.write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            partial.replace(args.json)
        previous = load_previous(args.previous, args.wait)
        for snippet in snippets:
            snippet_id = layout.snippet_id(snippet)
            every_run = runs[snippet_id] + previous.get(snippet_id, {}).get("runs", [])
            if args.widen:  # comparé aux nombres écrits : l'exécution par défaut n'est pas nécessaire
                print(f"snippets/{snippet_id}.py : {widen(layout, snippet, every_run)} ligne(s) élargie(s)")
                continue
            if every_run[0]["config"] != configs[0].describe() or configs[0].name != "défaut":
                print(f"snippets/{snippet_id}.py : l'exécution par défaut manque ; rien n'est analysé")
                continue
            rows = analyse(layout, snippet, every_run)
            print_report(snippet_id, rows, every_run)
            for warning in unmeasured_cells(layout, snippet, every_run):
                print(warning)
            if args.apply:
                apply(layout, snippet, rows, dict(runs[snippet_id][0], figures=Path(keep) / snippet_id))
    if args.widen:
        with freeze_lock(layout, "tolerances.py --widen"):
            finish(layout)  # le rapport compte les tolérances
    return 0


if __name__ == "__main__":
    sys.exit(main())
