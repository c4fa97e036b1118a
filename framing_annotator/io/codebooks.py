"""Codebook presets and codebook files (JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from ..bundled import resource_path
from ..domain.codebook import Codebook, codebook_from_dict
from ..domain.errors import InvalidValue

DEFAULT_PRESET = "default"


def preset_names() -> list[str]:
    return sorted(path.stem for path in resource_path("codebooks").glob("*.json"))


def load_preset(name: str = DEFAULT_PRESET) -> Codebook:
    path = resource_path("codebooks", f"{name}.json")
    if not path.is_file():
        raise InvalidValue(f"no codebook preset named {name!r}; choose from {preset_names()}")
    return load_codebook(path)


def load_codebook(path: Path) -> Codebook:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidValue(f"{path}: cannot read the codebook ({exc})") from exc
    return codebook_from_dict(data)
