"""Projects coded from the frame-labelled quotes in ``tests/data/frames``."""

from __future__ import annotations

import json
from pathlib import Path

from framing_annotator.domain.model import Article, Quote, Speaker, SpeakerType
from framing_annotator.domain.spans import Span
from framing_annotator.services.project import Project

DATA = Path(__file__).resolve().parents[2] / "data" / "frames"
PER_ARTICLE = 8


def labelled(name: str = "default") -> list[dict]:
    lines = (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def article_of(rows: list[dict]) -> tuple[str, list[Span]]:
    """An article quoting each row as a paragraph: “quote,” reporting clause."""
    text, spans = "", []
    for row in rows:
        opening = "“"
        start = len(text) + len(opening)
        text += f"{opening}{row['text']}” {row['context'][0].upper()}{row['context'][1:]}.\n\n"
        spans.append(Span(start, start + len(row["text"])))
    return text, spans


def code(project: Project, annotator: str, rows: list[dict], *, with_frames: bool = True):
    """Import ``rows`` as articles and code each quote as ``annotator``; returns the quotes."""
    repo = project.repo
    quotes = []
    for at in range(0, len(rows), PER_ARTICLE):
        chunk = rows[at : at + PER_ARTICLE]
        text, spans = article_of(chunk)
        report = project.import_articles([Article(text=text, title=f"{annotator} {at}")])
        (article,) = report.added or report.duplicates
        with repo.transaction():
            for row, span in zip(chunk, spans, strict=True):
                speaker = None
                if row["speaker_type"]:  # a few quotes have an unnamed source
                    kind = SpeakerType(row["speaker_type"])
                    speaker = repo.speaker_by_name(kind.value) or repo.save_speaker(
                        Speaker(kind.value, type=kind)
                    )
                quote = Quote(
                    article_id=article.id,
                    annotator=annotator,
                    span=span,
                    speaker_id=speaker.id if speaker else None,
                    frames=frozenset(row["frames"]) if with_frames else frozenset(),
                )
                quotes.append(repo.insert_quote(quote))
    return quotes
