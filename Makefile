# Les deux commandes de la README : `make serve` (ou `make site`) et `make test`.
# Chaque cible prépare d'abord la machine (scripts/setup.sh, idempotent et rapide quand tout est là).
PY := .venv/bin/python
export KERAS_HOME ?= $(HOME)/.keras

.PHONY: setup site serve test execute zensical benchmark clean pdf notebooks matrice

setup:
	@bash scripts/setup.sh

site: setup           ## exécute ce qui est périmé, puis construit site/ (strict)
	$(PY) -m mkdocs build --strict

serve: setup          ## sert le site sur http://127.0.0.1:8000, ne reconstruit que les pages modifiées, ré-exécute les snippets modifiés
	$(PY) -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000

test: setup           ## toute la suite : snippets exécutés pour de vrai, pages, Zensical, navigateur
	$(PY) -m pytest --junitxml=_rapports/pytest.xml   # rapport JUnit (ignoré par git, gardé par la CI)

execute: setup        ## exécute les snippets périmés sans construire le site
	$(PY) scripts/execute.py

pdf: site             ## tout le cours en PDF (site/cours.pdf) : page d'impression imprimée par Chromium headless
	$(PY) scripts/pdf.py --site site -o site/cours.pdf

notebooks: setup      ## exécute de bout en bout chaque notebook périmé, compare ses sorties à sa page, enregistre (_freeze/notebooks/)
	$(PY) scripts/execute.py --notebooks

matrice: setup        ## chaque snippet sous TensorFlow 2.19 et 2.20 (environnements .venv-tf<version>, depuis requirements-tf<version>.lock)
	bash scripts/setup_matrix.sh
	$(PY) scripts/matrix.py

benchmark: setup      ## mesure construction à froid / à chaud / après modification d'un snippet
	$(PY) scripts/benchmark.py

clean:
	rm -rf site site-zensical
