"""Building the gold layer: take one version, or merge; undo brings back what was there."""

from framing_annotator.domain.model import GOLD
from framing_annotator.services.adjudication import (
    SetGold,
    SetGoldMany,
    adjudication_progress,
    agreed_gold,
    as_gold,
    gold_for,
    merged_gold,
)
from framing_annotator.services.agreement import agreement_report
from framing_annotator.services.annotation import AnnotationSession

from .coded_project import TEXT


def _unit(report, fragment):
    return next(u for u in report.units if fragment in TEXT[u.span.start : u.span.end])


def test_take_one_version_then_replace_it_by_a_merge_and_undo(coded):
    project, article = coded
    repo = project.repo
    session = AnnotationSession(repo, GOLD)
    report = agreement_report(repo)
    rise = _unit(report, "costs would rise")
    session.execute(SetGold(as_gold(rise.quotes["cy"])))
    (gold,) = repo.quotes(article.id, GOLD)
    assert TEXT[gold.start : gold.end] == "that costs would rise"
    assert gold.frames == {"threat"} and gold.uuid != rise.quotes["cy"].uuid

    merged = merged_gold(rise.quotes)
    assert TEXT[merged.start : merged.end] == "costs would rise"  # 2 of 3 coders
    assert merged.frames == {"threat"}  # ana and cy, not ben
    assert merged.note == "merged from ana, ben, cy"
    session.execute(SetGold(merged, replaced=gold))
    (gold,) = repo.quotes(article.id, GOLD)
    assert TEXT[gold.start : gold.end] == "costs would rise"

    session.undo()
    (gold,) = repo.quotes(article.id, GOLD)
    assert TEXT[gold.start : gold.end] == "that costs would rise"
    session.undo()
    assert repo.quotes(article.id, GOLD) == []
    session.redo()
    session.redo()
    assert [TEXT[q.start : q.end] for q in repo.quotes(article.id, GOLD)] == ["costs would rise"]


def test_progress_counts_units_with_gold(coded):
    project, article = coded
    repo = project.repo
    report = agreement_report(repo)
    assert adjudication_progress(report.units, []) == (0, 3)
    session = AnnotationSession(repo, GOLD)
    for unit in report.units[:2]:
        session.execute(SetGold(merged_gold(unit.quotes)))
    gold = repo.quotes(article.id, GOLD)
    assert adjudication_progress(report.units, gold) == (2, 3)
    assert gold_for(report.units[0].span, gold) is not None
    # Gold is left out of the coders compared by default, and can be compared against.
    again = agreement_report(repo)
    assert GOLD not in again.annotators
    versus = agreement_report(repo, annotators=["ana", GOLD], article_ids=[article.id])
    assert versus.pairwise[0].spans.precision == 1.0  # each gold quote is in one of ana's units
    assert versus.pairwise[0].spans.recall == 2 / 3  # gold covers 2 of ana's 3 quotes


def test_every_agreed_unit_gets_gold_in_one_undoable_step(coded):
    project, article = coded
    repo = project.repo
    report = agreement_report(repo)
    session = AnnotationSession(repo, GOLD)
    session.execute(SetGold(merged_gold(report.units[0].quotes)))  # one already done
    # The fixture's units all differ somewhere; here only the last counts as disputed.
    disputed = {(report.units[-1].article_id, report.units[-1].span)}
    made = agreed_gold(report.units, disputed, repo.quotes(annotator=GOLD))
    expected = [u for u in report.units[1:] if (u.article_id, u.span) not in disputed]
    assert [q.span for q in made] == [merged_gold(u.quotes).span for u in expected]
    assert len(made) == len(report.units) - 2
    session.execute(SetGoldMany(made))
    gold = repo.quotes(article.id, GOLD)
    assert len(gold) == 1 + len(made)
    assert agreed_gold(report.units, disputed, gold) == []  # a second run adds nothing
    session.undo()
    assert len(repo.quotes(article.id, GOLD)) == 1
    session.redo()
    assert len(repo.quotes(article.id, GOLD)) == 1 + len(made)
