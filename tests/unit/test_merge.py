"""Three annotators' own project files merged into one agree exactly like one shared file."""

import json

import pytest

from framing_annotator.__main__ import main
from framing_annotator.domain.model import Quote, QuoteKind, Speaker
from framing_annotator.domain.spans import Span
from framing_annotator.services.agreement import agreement_report
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import CreateQuote, SaveSpeaker, SetArticleStatus
from framing_annotator.services.project import Project
from framing_annotator.store.repository import Repository

CODING = {  # coder -> [(fragment, kind, speaker, frames)]
    "ana": [("“This campaign would be entirely unnecessary", "direct", "Chad Wolf", {"threat"}),
            ("“Sanctuary policies result", "direct", "Tony Pham", {"threat", "public_safety"})],
    "ben": [("“This campaign would be entirely unnecessary", "direct", "Chad Wolf", {"threat"}),
            ("“Sanctuary policies result", "direct", "Tony Pham", {"public_safety"})],
    "cy": [("“This campaign would be entirely", "direct", "Chad Wolf", set()),
           ("Sanctuary policies result", "indirect", "Tony Pham", {"public_safety"})],
}  # fmt: skip


def code(repo, coders):
    text = repo.article(1).text
    for coder in coders:
        session = AnnotationSession(repo, coder)
        for fragment, kind, speaker_name, frames in CODING[coder]:
            speaker = repo.speaker_by_name(speaker_name)
            if speaker is None:
                create = SaveSpeaker(Speaker(speaker_name))
                session.execute(create)
                speaker = create.saved
            start = text.index(fragment)
            session.execute(CreateQuote(Quote(
                article_id=1, annotator=coder, span=Span(start, start + len(fragment)),
                kind=QuoteKind(kind), speaker_id=speaker.id, frames=frozenset(frames),
            )))  # fmt: skip
        session.execute(SetArticleStatus(1, coder, "done"))


@pytest.fixture
def seeded(tmp_path, seed_copy):
    def make(name):
        project = Project.open(tmp_path / name, create=True)
        project.import_files([seed_copy])
        return project

    return make


def test_merged_files_agree_like_a_shared_file(tmp_path, seeded, capsys):
    shared = seeded("shared.sqlite")
    code(shared.repo, ["ana", "ben", "cy"])
    expected = agreement_report(shared.repo)
    shared.close()
    sources = []
    for coder in ("ana", "ben", "cy"):
        own = seeded(f"{coder}.sqlite")
        code(own.repo, [coder])
        own.close()
        sources.append(str(tmp_path / f"{coder}.sqlite"))
    target = tmp_path / "team.sqlite"
    assert main(["merge", str(target), *sources]) == 0
    assert "2 quotes added" in capsys.readouterr().out

    merged = Repository.open(target)
    report = agreement_report(merged)
    assert report.annotators == expected.annotators
    assert [(c.variable, c.value) for c in report.coefficients] == [
        (c.variable, c.value) for c in expected.coefficients
    ]
    assert len(report.disagreements) == len(expected.disagreements)
    assert merged.article_status(1, "cy") == "done"
    before = [(q.uuid, q.version, q.updated_at) for q in merged.quotes()]
    merged.close()

    # Merging the same files again changes nothing.
    assert main(["merge", str(target), *sources]) == 0
    again = capsys.readouterr().out
    assert again.count("0 quotes added, 2 already there") == 3
    assert main(["agreement", str(target), "--format", "json"]) == 0
    repeat = json.loads(capsys.readouterr().out)
    assert [c["value"] for c in repeat["coefficients"]] == [c.value for c in report.coefficients]
    merged = Repository.open(target)
    assert [(q.uuid, q.version, q.updated_at) for q in merged.quotes()] == before
    merged.close()


def test_a_changed_quote_is_reported_as_a_conflict(tmp_path, seeded, capsys):
    own = seeded("ana.sqlite")
    code(own.repo, ["ana"])
    own.close()
    target = tmp_path / "team.sqlite"
    assert main(["merge", str(target), str(tmp_path / "ana.sqlite")]) == 0
    capsys.readouterr()
    own = Repository.open(tmp_path / "ana.sqlite")
    quote = own.quotes()[0]
    with own.transaction():
        own.update_quote(quote.__class__(**{**quote.__dict__, "note": "changed later"}),
                         expected_version=quote.version)  # fmt: skip
    own.close()
    assert main(["merge", str(target), str(tmp_path / "ana.sqlite")]) == 1
    out, err = capsys.readouterr()
    assert "1 in conflict" in out and "conflict:" in err
    merged = Repository.open(target)
    assert merged.quote(quote.uuid).note == ""  # the target kept its own version
    merged.close()
