"""Mesure la tolérance qu'il faut aux lignes `#>` d'un snippet d'entraînement, au lieu de la deviner.

    .venv/bin/python scripts/tolerances.py snippets/cnn/entrainement.py          # 6 exécutions
    .venv/bin/python scripts/tolerances.py snippets/keras/ --runs 4 --json mesures.json
    .venv/bin/python scripts/tolerances.py snippets/cnn/ --apply                 # et écrit les ±

Un nombre issu d'un entraînement change avec la machine (jeu d'instructions, nombre de fils : l'ordre des
additions en virgule flottante change) à peu près autant qu'avec la graine. On exécute donc le snippet sous
plusieurs graines (celle de `keras.utils.set_random_seed(...)` est remplacée dans le texte exécuté) et
plusieurs réglages numériques — oneDNN activé ou non (`TF_ENABLE_ONEDNN_OPTS=0`), un ou deux fils de calcul
(`TF_NUM_INTRAOP_THREADS`) — puis, pour chaque ligne `#>` qui contient des nombres, on affiche leurs
valeurs, l'écart maximal à la valeur écrite et la tolérance qui le couvre avec une marge (×2, arrondie
à un chiffre significatif, vers le haut). La règle est dans CONTRIBUTING.md.

La première exécution se fait avec les réglages par défaut de la machine : c'est celle que ferait
l'exécuteur. Avec `--apply`, ses lignes de sortie deviennent les nouvelles lignes `#>` (avec la tolérance
mesurée quand les nombres varient), et ses sorties sont enregistrées dans `_freeze/` comme le ferait
`execute.py` (les lignes `#>` ne font pas partie de la clé : rien n'est exécuté une fois de plus).
`--previous mesures.json` ajoute aux écarts les exécutions d'une mesure précédente.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from execute import ROOT, Source, select  # noqa: E402
from expected import NUMBER, TOLERANCE, _compile  # noqa: E402
from freeze import Layout  # noqa: E402
from workers import WorkerProcess  # noqa: E402

SEED = re.compile(r"(set_random_seed\(\s*)(\d+)(\s*\))")
MARGIN = 2.0  # 5 à 7 exécutions sous-estiment l'écart possible : on double le plus grand écart observé


@dataclass(frozen=True)
class Config:
    seed: int | None  # None : la graine du snippet
    onednn: bool | None  # None : réglage par défaut
    threads: int | None  # None : réglage par défaut (un fil par cœur)

    @property
    def env(self) -> dict[str, str]:
        env = {}
        if self.onednn is not None:
            env["TF_ENABLE_ONEDNN_OPTS"] = "1" if self.onednn else "0"
        if self.threads is not None:
            env["TF_NUM_INTRAOP_THREADS"] = str(self.threads)
        return env

    def describe(self) -> str:
        seed = "graine du snippet" if self.seed is None else f"graine {self.seed}"
        if self.onednn is None and self.threads is None:
            return f"{seed}, réglages par défaut"
        return f"{seed}, oneDNN {'activé' if self.onednn else 'désactivé'}, {self.threads} fil(s)"


# La première est la référence (réglages par défaut d'une machine à 2 cœurs) ; les deux suivantes ne changent
# que les réglages numériques (même graine : ce que change une autre machine), les autres aussi la graine.
CONFIGS = [
    Config(None, None, None), Config(None, False, 2), Config(None, True, 1), Config(1, False, 1),
    Config(2, True, 2), Config(3, False, 2), Config(4, True, 1), Config(5, True, 2),
]


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
            regex, _ = _compile(pattern, with_numbers=True)
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
        match = _compile(pattern, with_numbers=True)[0].fullmatch(line.rstrip()) if line is not None else None
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
        with WorkerProcess(layout.root, env=config.env) as worker, tempfile.TemporaryDirectory() as scratch:
            for snippet in snippets:
                source = Source.read(layout, snippet)
                text = source.text if config.seed is None else SEED.sub(rf"\g<1>{config.seed}\g<3>", source.text)
                if config.seed is not None and text == source.text:
                    print(f"{snippet}: aucune graine keras.utils.set_random_seed(...) à faire varier", file=sys.stderr)
                figures = keep / layout.snippet_id(snippet) if keep and number == 0 else Path(scratch)
                figures.mkdir(parents=True, exist_ok=True)
                result = worker.run(snippet, text, figures, snippet.stem, 3600)
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
    """Pour chaque ligne `#>` à nombres : valeurs observées, écarts (absolu, relatif) à la valeur écrite, sur
    les réglages numériques seuls (même graine) et sur toutes les exécutions, et tolérance proposée."""
    source = Source.read(layout, snippet)
    rows = []
    same_seed = [k for k, run in enumerate(runs) if run["config"].startswith("graine du snippet")]
    for cell in source.cells:
        parsed = []
        for line in cell.expected:
            tolerance = TOLERANCE.search(line.text)
            parsed.append((line, tolerance, (line.text[: tolerance.start()] if tolerance else line.text).rstrip()))
        per_run = [aligned_numbers([p for _, _, p in parsed], run["cells"].get(cell.name, "").split("\n"))
                   for run in runs]
        for index, (line, tolerance, pattern) in enumerate(parsed):
            _, wanted = _compile(pattern, with_numbers=True)
            observed = [numbers[index] for numbers in per_run]
            if not wanted or any(o is None or len(o) != len(wanted) for o in observed):
                continue
            try:
                want = [float(w) for w in wanted]
            except ValueError:
                continue

            def deviations(chosen):
                absolute = max((_diff(observed[k][i], w) for k in chosen for i, w in enumerate(want)), default=0.0)
                relative = max((_diff(observed[k][i], w) / abs(w) for k in chosen for i, w in enumerate(want) if w),
                               default=0.0)
                return absolute, relative

            absolute, relative = deviations(range(len(runs)))
            numeric_abs, numeric_rel = deviations(same_seed)
            ref = observed[0]
            from_reference = max(_diff(v, r) for values in observed for v, r in zip(values, ref))
            from_reference_rel = max((_diff(v, r) / abs(r) for values in observed for v, r in zip(values, ref)
                                      if r and r == r), default=0.0)
            is_relative = bool(tolerance and tolerance.group(2) == "%")
            proposed = nice_step(relative * 100 * MARGIN) if is_relative else nice_step(absolute * MARGIN)
            applied = nice_step((from_reference_rel * 100 if is_relative else from_reference) * MARGIN)
            rows.append({
                "cell": cell.name, "index": index, "applied": applied,
                "line": line.line, "text": line.text, "values": observed,
                "deviation": relative * 100 if is_relative else absolute,
                "numerics_deviation": numeric_rel * 100 if is_relative else numeric_abs,
                "relative": is_relative, "proposed": proposed,
                "current": float(tolerance.group(1)) if tolerance else None,
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
    """|a − b|, nan égal à nan, et infini si un seul des deux est nan (perte qui diverge, par exemple)."""
    if a != a or b != b:
        return 0.0 if (a != a and b != b) else math.inf
    return abs(a - b)


def print_report(snippet_id: str, rows: list[dict], runs: list[dict]) -> None:
    print(f"\nsnippets/{snippet_id}.py — {len(runs)} exécutions :")
    for k, run in enumerate(runs):
        print(f"  [{k}] {run['config']} ({run['seconds']:.0f} s)")
    for row in rows:
        unit = " %" if row["relative"] else ""
        values = " | ".join(" ".join(f"{v:g}" for v in values) for values in row["values"])
        if not row["deviation"]:
            verdict = "constante sur toutes les exécutions"
        else:
            verdict = (f"écart max {row['deviation']:.3g}{unit} (réglages numériques seuls : "
                       f"{row['numerics_deviation']:.3g}{unit}) → ±{row['proposed']:g}{unit}")
            if row["current"] is None:
                verdict += " ; aucune tolérance : À AJOUTER"
            elif row["current"] >= row["deviation"] * MARGIN - 1e-12:
                verdict += f" ; actuelle ±{row['current']:g}{unit} : suffit"
            else:
                verdict += f" ; actuelle ±{row['current']:g}{unit} : TROP ÉTROITE"
        print(f"  ligne {row['line']}: {row['text']}\n      {values}\n      {verdict}")


def apply(layout: Layout, snippet: Path, rows: list[dict], reference: dict) -> None:
    """Réécrit les lignes `#>` à nombres d'après l'exécution de référence (avec la tolérance mesurée autour
    d'elle), puis enregistre cette exécution comme le ferait execute.py."""
    from execute import check_run, finish, record_run
    from freeze import freeze_lock

    text = snippet.read_text(encoding="utf-8")
    if text != reference["text"]:
        sys.exit(f"{snippet}: modifié pendant la mesure ; relancez")
    lines = text.split("\n")
    source = Source.read(layout, snippet)
    outputs = {c.name: c.stdout.split("\n") for c in reference["result"].cells}
    for row in rows:
        cell = next(c for c in source.cells if c.name == row["cell"])
        patterns = [(e.text[: m.start()] if (m := TOLERANCE.search(e.text)) else e.text).rstrip() for e in cell.expected]
        actual = aligned_lines(patterns, outputs.get(cell.name, []))[row["index"]]
        if actual is None:
            continue
        if row["applied"] == math.inf:
            print(f"  ligne {row['line']} : un nombre manque ou vaut nan dans une exécution ; ligne laissée telle quelle")
            continue
        indent = lines[row["line"] - 1][: len(lines[row["line"] - 1]) - len(lines[row["line"] - 1].lstrip())]
        suffix = f"  ±{row['applied']:g}{'%' if row['relative'] else ''}" if row["applied"] else ""
        pattern = patterns[cell.expected.index(next(e for e in cell.expected if e.line == row["line"]))]
        if "..." in pattern:  # une ligne qui tait volontairement une partie : seule sa tolérance change
            lines[row["line"] - 1] = f"{indent}#> {pattern}{suffix}"
        else:
            lines[row["line"] - 1] = f"{indent}#> {actual.rstrip()}{suffix}"
    snippet.write_text("\n".join(lines), encoding="utf-8")
    source = Source.read(layout, snippet)
    problems = check_run(layout, source, reference["result"])
    if problems:
        sys.exit("\n".join(problems) + "\n(lignes #> réécrites ; rien n'est enregistré)")
    with freeze_lock(layout, "tolerances.py --apply"):
        record_run(layout, source, reference["result"], reference["figures"], [])
        finish(layout)
    print(f"{snippet.relative_to(layout.root)} : lignes #> réécrites et sortie enregistrée")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="+", help="snippets, dossiers ou chapitres")
    parser.add_argument("--runs", type=int, default=6, help=f"nombre de réglages (1 à {len(CONFIGS)}, défaut 6)")
    parser.add_argument("--json", type=Path, help="enregistre les mesures brutes dans ce fichier")
    parser.add_argument("--previous", type=Path, help="ajoute les exécutions d'une mesure précédente (JSON)")
    parser.add_argument("--apply", action="store_true",
                        help="réécrit les lignes #> et enregistre l'exécution de référence")
    args = parser.parse_args(argv)
    layout = Layout(ROOT)
    snippets = select(layout, args.targets)
    configs = CONFIGS[: max(1, min(args.runs, len(CONFIGS)))]
    previous = json.loads(args.previous.read_text(encoding="utf-8")) if args.previous else {}
    with tempfile.TemporaryDirectory() as keep:
        def save(partial):
            if args.json:
                raw = {i: {"runs": [{k: v for k, v in r.items() if k not in ("result", "text")} for r in runs]}
                       for i, runs in partial.items()}
                args.json.write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

        runs = measure(layout, snippets, configs, Path(keep), save)
        report = {}
        for snippet in snippets:
            snippet_id = layout.snippet_id(snippet)
            reference = dict(runs[snippet_id][0], figures=Path(keep) / snippet_id)
            every = runs[snippet_id] + [dict(r, config=f"(mesure précédente) {r['config']}")
                                        for r in previous.get(snippet_id, {}).get("runs", [])]
            rows = analyse(layout, snippet, every)
            print_report(snippet_id, rows, every)
            for warning in unmeasured_cells(layout, snippet, every):
                print(warning)
            report[snippet_id] = {"runs": [{k: v for k, v in r.items() if k not in ("result", "text")} for r in every],
                                  "lines": rows}
            if args.apply:
                apply(layout, snippet, rows, reference)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
