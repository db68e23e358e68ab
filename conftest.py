"""Pages telles qu'un lecteur les voit, passées à pytest-markdown-docs.

Chaque page est développée (inclusions remplacées, sans les sorties) dans tests/lecteur/, et ses blocs
Python sont marqués `runner:page` : ils s'exécutent dans l'ordre, dans un même espace de noms, comme des
cellules collées dans un notebook neuf. Le README est lu tel quel, avec le runner par défaut.
Ce conftest est à la racine pour valoir aussi pour tests/lecteur/ et README.md.
"""

import contextlib
import io
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from pytest_markdown_docs._runners import DefaultRunner, register_runner

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "scripts"))
READER_DIR = ROOT / "tests" / "lecteur"  # généré, ignoré par git ; sous tests/ pour être collecté
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def pytest_configure(config):
    from reader_view import expand

    shutil.rmtree(READER_DIR, ignore_errors=True)
    READER_DIR.mkdir(parents=True)
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = expand(page, ROOT, with_outputs=False)
        text = re.sub(r"^(\s*```+)python\b", r"\1python runner:page", text, flags=re.M)
        (READER_DIR / page.name).write_text(text, encoding="utf-8")


@register_runner()
class page(DefaultRunner):  # noqa: N801 — le nom est celui qu'on écrit dans `runner:page`
    """Exécute les blocs d'une même page dans un espace de noms partagé, dans un dossier jetable."""

    namespaces: dict = {}

    def runtest(self, test, args, **kwargs):
        key = str(test.source_path)
        if key not in self.namespaces:
            self._forget_previous_pages()
            self.namespaces[key] = ({"__name__": "__main__"}, tempfile.TemporaryDirectory(prefix="page-"))
        namespace, workdir = self.namespaces[key]
        # test.source garde les numéros de ligne de la page ; la sortie est vérifiée ailleurs (test_snippets).
        with contextlib.chdir(workdir.name), contextlib.redirect_stdout(io.StringIO()):
            exec(compile(test.source, str(test.source_path), "exec"), namespace)
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")

    def _forget_previous_pages(self):
        for namespace, workdir in self.namespaces.values():
            namespace.clear()
            workdir.cleanup()
        self.namespaces.clear()
        if "keras" in sys.modules:
            sys.modules["keras"].utils.clear_session(free_memory=True)
