"""pytest-markdown-docs exécute les blocs Python de la README (ce conftest est à la racine pour valoir aussi
pour README.md). Les pages du site, elles, ne sont pas ré-exécutées bloc par bloc : chaque snippet l'est une
fois par tests/test_snippets.py, et tests/test_pages.py vérifie ce qu'une exécution page par page prouverait
(voir « Une exécution par snippet » dans la README)."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
