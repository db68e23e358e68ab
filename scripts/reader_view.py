"""Une page telle qu'un lecteur la voit : les inclusions `--8<--` remplacées par ce qu'elles incluent,
avec l'extension pymdownx.snippets elle-même et la configuration de mkdocs.yml."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import yaml

OUTPUT_INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"_freeze/[^"]+"\s*$', re.M)


def snippets_config(root: Path) -> dict:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            settings = dict(extension["pymdownx.snippets"])
            settings["base_path"] = [str(root / p) for p in settings.get("base_path", ["."])]
            settings["check_paths"] = True
            return settings
    raise LookupError("pymdownx.snippets absent de mkdocs.yml")


def expand(page: Path, root: Path, with_outputs: bool = True) -> str:
    """Le Markdown de la page après inclusion des snippets (et, au choix, de leurs sorties)."""
    return expand_text(page.read_text(encoding="utf-8"), root, with_outputs)


def expand_text(text: str, root: Path, with_outputs: bool = True) -> str:
    if not with_outputs:
        text = OUTPUT_INCLUDE.sub("", text)
    md = markdown.Markdown(extensions=["pymdownx.snippets"],
                           extension_configs={"pymdownx.snippets": snippets_config(root)})
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))
