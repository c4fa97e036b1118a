import sqlite3

import pytest

from framing_annotator.domain.errors import (
    ConflictError,
    InvalidValue,
    NewerSchema,
    NotAProject,
)
from framing_annotator.domain.model import (
    Article,
    Quote,
    QuoteKind,
    Speaker,
    SpeakerType,
    Suggestion,
    SuggestionDecision,
    SuggestionStatus,
)
from framing_annotator.domain.spans import Span
from framing_annotator.store.migrations import APPLICATION_ID, MIGRATION_NAMES, SCHEMA_VERSION
from framing_annotator.store.repository import Repository

TEXT = (
    "“The border is a threat,” Tony Pham said. 🙂 Pham added that crime fell.\n\n"
    "“Schools are safe,” said Ana Ruiz."
)
CRIME = Span(TEXT.index("crime fell"), TEXT.index("crime fell") + len("crime fell"))
SCHOOLS = Span(TEXT.index("“Schools"), TEXT.index("” said") + 1)


@pytest.fixture
def repo(tmp_path):
    repo = Repository.open(tmp_path / "p.sqlite", create=True)
    from framing_annotator.io.codebooks import load_preset

    with repo.transaction():
        repo.set_codebook(load_preset())
    yield repo
    repo.close()


@pytest.fixture
def article(repo):
    with repo.transaction():
        stored, added = repo.add_article(Article(text=TEXT, title="Border"))
    assert added
    return stored


def test_new_project_is_marked_and_configured(tmp_path):
    path = tmp_path / "p.sqlite"
    Repository.open(path, create=True).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == MIGRATION_NAMES


def test_reopen_applies_nothing_twice(tmp_path):
    path = tmp_path / "p.sqlite"
    Repository.open(path, create=True).close()
    repo = Repository.open(path)
    assert repo.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert repo.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
        MIGRATION_NAMES
    )
    repo.close()


def _plain_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes(x)")
    conn.commit()
    conn.close()


def _newer_project(path):
    Repository.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def _future_migration(path):
    Repository.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('framing_annotator', '9999_from_the_future', 'x')"
    )
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def _truncated_project(path):
    repo = Repository.open(path, create=True)
    with repo.transaction():
        for n in range(200):
            repo.add_article(Article(text=f"article {n} " * 200))
    repo.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    "make,error,words",
    [
        (lambda p: p.write_bytes(b"\x00\x01garbage" * 100), NotAProject, "not an SQLite"),
        (lambda p: p.write_bytes(b""), NotAProject, "not an SQLite"),
        (lambda p: p.write_text("title,text\n"), NotAProject, "not an SQLite"),
        (_plain_sqlite, NotAProject, "not a Framing Annotator project"),
        (_newer_project, NewerSchema, "newer version"),
        (_future_migration, NewerSchema, "newer version"),
        (_truncated_project, NotAProject, "backup"),
    ],
    ids=[
        "random",
        "empty",
        "csv",
        "plain-sqlite",
        "newer-version",
        "future-migration",
        "truncated",
    ],
)
def test_files_that_are_not_projects_are_refused_untouched(tmp_path, make, error, words):
    path = tmp_path / "thing.sqlite"
    make(path)
    before = path.read_bytes()
    with pytest.raises(error, match=words):
        Repository.open(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "thing.sqlite-wal").exists()


def test_missing_project_is_not_created_without_asking(tmp_path):
    with pytest.raises(NotAProject, match="no such project"):
        Repository.open(tmp_path / "absent.sqlite")
    assert not (tmp_path / "absent.sqlite").exists()


def test_same_text_is_stored_once(repo, article):
    with repo.transaction():
        again, added = repo.add_article(Article(text=TEXT, title="Other title"))
    assert not added and again.id == article.id
    assert repo.article_count() == 1


def test_quote_round_trip_keeps_everything(repo, article):
    pham = _speaker(repo, "Tony Pham", "Pham")
    quote = Quote(
        article_id=article.id,
        annotator="ana",
        span=Span(0, 25),
        kind=QuoteKind.DIRECT,
        speaker_id=pham.id,
        mention=Span(26, 35),
        frames=frozenset({"threat", "public_safety"}),
        note="strong; 'quoted'",
    )
    with repo.transaction():
        repo.insert_quote(quote)
    (stored,) = repo.quotes(article.id, "ana")
    assert stored.uuid == quote.uuid
    assert stored.frames == {"threat", "public_safety"}
    assert stored.mention == Span(26, 35)
    assert stored.note == "strong; 'quoted'"
    assert stored.version == 1 and stored.created_at
    assert TEXT[stored.start : stored.end] == "“The border is a threat,”"


def test_edit_bumps_version_and_detects_concurrent_change(repo, article):
    with repo.transaction():
        quote = repo.insert_quote(Quote(article_id=article.id, annotator="ana", span=Span(0, 25)))
    with repo.transaction():
        edited = repo.update_quote(
            Quote(**{**quote.__dict__, "frames": frozenset({"threat"})}), expected_version=1
        )
    assert edited.version == 2
    assert repo.quote(quote.uuid).frames == {"threat"}
    with pytest.raises(ConflictError, match="changed in another window"):
        with repo.transaction():
            repo.update_quote(quote, expected_version=1)
    assert repo.quote(quote.uuid).frames == {"threat"}
    with pytest.raises(ConflictError):
        with repo.transaction():
            repo.delete_quote(quote.uuid, expected_version=1)
    with repo.transaction():
        repo.delete_quote(quote.uuid, expected_version=2)
    assert repo.quotes() == []
    assert repo.db.execute("SELECT count(*) FROM quote_frames").fetchone()[0] == 0


def test_failed_action_leaves_nothing_behind(repo, article):
    quote = Quote(
        article_id=article.id, annotator="ana", span=Span(0, 25), frames=frozenset({"nonsense"})
    )
    with pytest.raises(InvalidValue, match="unknown frame"):
        with repo.transaction():
            repo.insert_quote(quote)
    assert repo.quotes() == []


def test_spans_past_the_text_are_refused(repo, article):
    with pytest.raises(InvalidValue, match="runs past"):
        with repo.transaction():
            repo.insert_quote(
                Quote(article_id=article.id, annotator="ana", span=Span(0, len(TEXT) + 1))
            )


def test_overlapping_quotes_are_allowed(repo, article):
    with repo.transaction():
        repo.insert_quote(Quote(article_id=article.id, annotator="ana", span=Span(0, 25)))
        repo.insert_quote(Quote(article_id=article.id, annotator="ana", span=Span(1, 24)))
    assert len(repo.quotes(article.id)) == 2


def _speaker(repo, name, *aliases):
    with repo.transaction():
        return repo.save_speaker(Speaker(name, aliases=aliases, type=SpeakerType.GOVERNMENT))


def test_speakers_keep_aliases_and_type(repo):
    _speaker(repo, "Tony Pham", "Pham", "interim ICE chief Tony Pham")
    (pham,) = repo.speakers()
    assert pham.aliases == ("Pham", "interim ICE chief Tony Pham")
    assert pham.type is SpeakerType.GOVERNMENT
    with pytest.raises(InvalidValue, match="already exists"):
        _speaker(repo, "Tony Pham")


def test_search_every_quote_by_pham_framed_as_threat(repo, article):
    pham = _speaker(repo, "Tony Pham", "Pham")
    ruiz = _speaker(repo, "Ana Ruiz")
    threat = frozenset({"threat"})
    with repo.transaction():
        wanted = repo.insert_quote(
            Quote(
                article_id=article.id,
                annotator="ana",
                span=Span(0, 25),
                speaker_id=pham.id,
                frames=threat,
            )
        )
        repo.insert_quote(  # Pham, but no threat frame
            Quote(
                article_id=article.id,
                annotator="ana",
                span=CRIME,
                speaker_id=pham.id,
                kind=QuoteKind.INDIRECT,
            )
        )
        repo.insert_quote(  # threat, but another speaker
            Quote(
                article_id=article.id,
                annotator="ana",
                span=SCHOOLS,
                speaker_id=ruiz.id,
                frames=threat,
            )
        )
    hits = repo.search("", speaker="pham", frame="threat")
    assert [h.quote_uuid for h in hits] == [wanted.uuid]
    assert hits[0].text == "“The border is a threat,”"
    # The words of a quote are searchable, sliced by code points past the emoji.
    (crime,) = [h for h in repo.search("crime") if h.what == "quote"]
    assert crime.text == "crime fell"
    assert (crime.start, crime.end) == (CRIME.start, CRIME.end)
    assert {h.what for h in repo.search("schools")} == {"quote", "article"}


@pytest.mark.parametrize("query", ['"', "AND (", "NEAR(", "*", "a OR", "'; DROP TABLE quotes; --"])
def test_search_takes_user_syntax_literally(repo, article, query):
    repo.search(query)  # never an FTS5 syntax error
    assert repo.article_count() == 1


def test_suggestion_status_is_per_annotator(repo, article):
    with repo.transaction():
        repo.replace_suggestions(
            article.id,
            [
                Suggestion(
                    span=Span(0, 25),
                    kind=QuoteKind.DIRECT,
                    pipeline="blank",
                    confidence=0.9,
                    speaker="Tony Pham",
                    mention=Span(26, 35),
                    cue="said",
                )
            ],
        )
    (suggestion,) = repo.suggestions(article.id)
    with repo.transaction():
        repo.set_decision(SuggestionDecision(suggestion.id, "ana", SuggestionStatus.REJECTED))
    assert repo.decisions(article.id, "ana")[suggestion.id].status is SuggestionStatus.REJECTED
    assert repo.decisions(article.id, "ben") == {}
    # Re-suggesting keeps suggestions someone has decided on.
    with repo.transaction():
        repo.replace_suggestions(article.id, [])
    assert [s.id for s in repo.suggestions(article.id)] == [suggestion.id]


def test_article_status_per_annotator(repo, article):
    assert repo.article_status(article.id, "ana") == "not_started"
    with repo.transaction():
        repo.set_article_status(article.id, "ana", "done")
    assert repo.article_status(article.id, "ana") == "done"
    assert repo.article_status(article.id, "ben") == "not_started"
    (summary,) = repo.article_summaries()
    assert summary.statuses == {"ana": "done"}


def test_names_with_quotes_and_semicolons_are_just_names(repo, article):
    name = "O'Brien\"; DROP TABLE speakers; --"
    _speaker(repo, name)
    with repo.transaction():
        repo.insert_quote(Quote(article_id=article.id, annotator=name, span=Span(0, 25)))
    assert repo.speaker_by_name(name).name == name
    assert repo.quotes(annotator=name)[0].annotator == name


def test_the_list_filter_for_a_search_is_found_in_sql(repo, article):
    pham = _speaker(repo, "Tony Pham", "Pham")
    with repo.transaction():
        (other, _), (third, _) = repo.add_articles(
            [
                Article(text="Nothing about schools here, said the mayor.", outlet="Daily"),
                Article(text="Crime and schools, the mayor said.", outlet="Weekly"),
            ]
        )
        repo.insert_quotes(
            [
                Quote(article.id, "ana", CRIME, speaker_id=pham.id, frames=frozenset({"threat"})),
                Quote(third.id, "ben", Span(0, 5), frames=frozenset({"threat"})),
            ]
        )
    assert repo.matching_article_ids("schools") == {article.id, other.id, third.id}
    assert repo.matching_article_ids("schools", outlet="Weekly") == {third.id}
    assert repo.matching_article_ids("crime", speaker="pham") == {article.id}
    assert repo.matching_article_ids("crime", frame="threat") == {article.id, third.id}
    assert repo.matching_article_ids("", frame="threat", outlet="Weekly") == {third.id}
    assert repo.matching_article_ids("") == {article.id, other.id, third.id}
    assert repo.matching_article_ids('"; DROP') == set()  # user syntax taken literally


def test_bulk_writes_fill_the_search_index_once_and_keep_the_triggers(repo, article):
    def schema():
        return repo.db.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()

    before = schema()
    texts = [f"Report number {n} says zebra{n} crossings are safe." for n in range(600)]
    with repo.transaction():
        stored = [a for a, _ in repo.add_articles([Article(text=t) for t in texts])]
        repo.insert_quotes([Quote(a.id, "ana", Span(0, 16)) for a in stored])
    assert schema() == before  # the triggers are back, word for word
    assert {h.article_id for h in repo.search("zebra599")} == {stored[-1].id}
    quote_hits = [h for h in repo.search("report number") if h.what == "quote"]
    assert len(quote_hits) == 200  # the search's limit: every bulk quote is indexed
    assert repo.matching_article_ids("report", frame=None) == {a.id for a in stored}
    with repo.transaction():  # and one more quote, through the trigger again
        repo.insert_quote(Quote(article.id, "ben", CRIME))
    assert [h.text for h in repo.search("fell") if h.what == "quote"] == ["crime fell"]
    with pytest.raises(InvalidValue), repo.transaction():  # a bad batch leaves nothing
        repo.insert_quotes(
            [Quote(a.id, "cy", Span(0, 6)) for a in stored]
            + [Quote(article.id, "cy", CRIME, frames=frozenset({"no-such-frame"}))]
        )
    assert schema() == before and repo.quotes(annotator="cy") == []


def test_a_large_batch_has_the_page_cache_it_needs_until_its_transaction_ends(
    repo, monkeypatch
):
    import framing_annotator.store.base as base

    monkeypatch.setattr(base, "CACHE_KIB", 64)  # a small cache, so a small batch outgrows it
    repo.db.execute("PRAGMA cache_size = -64")

    def cache_kib():
        return -repo.db.execute("PRAGMA cache_size").fetchone()[0]

    texts = [f"Article {n} " + "word " * 400 for n in range(100)]  # 204,390 characters
    with repo.transaction():
        with repo.transaction():  # a savepoint: the batch is not committed yet
            repo.add_articles([Article(text=t) for t in texts[:50]])
        assert cache_kib() == 2 * sum(len(t) for t in texts[:50]) // 1024
    assert cache_kib() == 64
    with pytest.raises(InvalidValue), repo.transaction():
        repo.add_articles([Article(text=t) for t in texts[50:]])
        assert cache_kib() > 64
        raise InvalidValue("refused")
    assert cache_kib() == 64 and repo.article_count() == 50


def _recounted(repo):
    """Every article's quotes per annotator, counted from the quotes themselves."""
    counted: dict[int, dict[str, int]] = {}
    for quote in repo.quotes():
        by_annotator = counted.setdefault(quote.article_id, {})
        by_annotator[quote.annotator] = by_annotator.get(quote.annotator, 0) + 1
    return counted


def _listed_counts(repo):
    return {s.id: dict(s.quote_counts) for s in repo.article_summaries() if s.quote_counts}


def test_the_listed_counts_follow_every_write(repo, article):
    texts = [f"Report number {n} says zebra{n} crossings are safe." for n in range(300)]
    with repo.transaction():
        stored = [a for a, _ in repo.add_articles([Article(text=t) for t in texts])]
        repo.insert_quote(Quote(article.id, "ana", CRIME))  # the trigger, one by one
    assert _listed_counts(repo) == {article.id: {"ana": 1}}
    with repo.transaction():  # a batch (the triggers set aside), onto counted articles too
        bulk = repo.insert_quotes(
            [Quote(a.id, name, Span(0, 6)) for a in [article, *stored] for name in ("ben", "cy")]
        )
    assert _listed_counts(repo) == _recounted(repo)
    assert _listed_counts(repo)[article.id] == {"ana": 1, "ben": 1, "cy": 1}
    with repo.transaction():
        repo.delete_quote(bulk[0].uuid, expected_version=bulk[0].version)
        repo.db.execute("DELETE FROM articles WHERE id = ?", [stored[0].id])  # and its quotes
        repo.db.execute(  # an annotator's quote moved by hand, as another tool could
            "UPDATE quotes SET annotator_id = (SELECT id FROM annotators WHERE name = 'ana') "
            "WHERE uuid = ?",
            [bulk[-1].uuid],
        )
    assert _listed_counts(repo) == _recounted(repo)
    assert _listed_counts(repo)[article.id] == {"ana": 1, "cy": 1}
    assert _listed_counts(repo)[stored[-1].id] == {"ana": 1, "ben": 1}
    assert repo.db.execute(
        "SELECT count(*) FROM article_quote_counts WHERE article_id = ?", [stored[0].id]
    ).fetchone() == (0,)  # no row left behind by a deleted article
    with pytest.raises(InvalidValue), repo.transaction():  # a refused batch counts nothing
        repo.insert_quotes(
            [Quote(a.id, "dee", Span(0, 6)) for a in stored[1:]]
            + [Quote(article.id, "dee", CRIME, frames=frozenset({"no-such-frame"}))]
        )
    assert _listed_counts(repo) == _recounted(repo)


@pytest.mark.parametrize("few_counted", [1, 2, 10_000])
def test_the_list_is_the_same_whether_counts_are_read_apart_or_joined(
    repo, article, monkeypatch, few_counted
):
    """``FEW_COUNTED`` chooses how the list reads the counts: 1 and 2 join (two articles
    have quotes), 10,000 reads them apart. Every summary is the same either way."""
    with repo.transaction():
        other, _ = repo.add_article(Article(text="A second article, quoted by ben."))
        repo.insert_quotes([Quote(article.id, "ana", CRIME), Quote(article.id, "ben", CRIME),
                            Quote(other.id, "ben", Span(0, 6))])  # fmt: skip
        repo.add_article(Article(text="A third article, with no quote."))
    expected = [
        (article.id, {"ana": 1, "ben": 1}), (other.id, {"ben": 1}), (other.id + 1, {}),
    ]  # fmt: skip
    monkeypatch.setattr("framing_annotator.store.articles.FEW_COUNTED", few_counted)
    listed = repo.article_summaries()
    assert [(s.id, dict(s.quote_counts)) for s in listed] == expected
    assert list(listed[0].quote_counts) == ["ana", "ben"]  # annotator order


def test_a_schema_4_project_gets_its_quote_counts_on_open(tmp_path):
    path = tmp_path / "p.sqlite"
    repo = Repository.open(path, create=True)
    with repo.transaction():
        (stored, _), _ = repo.add_articles([Article(text=TEXT), Article(text="Two.")])
        repo.insert_quotes([Quote(stored.id, "ana", CRIME), Quote(stored.id, "ana", SCHOOLS),
                            Quote(stored.id, "ben", CRIME)])  # fmt: skip
    repo.close()
    conn = sqlite3.connect(path)
    for statement in (  # the project as the app before migration 0005 left it
        "DROP TRIGGER quotes_counted_insert",
        "DROP TRIGGER quotes_counted_delete",
        "DROP TRIGGER quotes_counted_update",
        "DROP TABLE article_quote_counts",
        "DELETE FROM _sqlite_migrations WHERE name = '0005_article_quote_counts'",
        "PRAGMA user_version = 4",
    ):
        conn.execute(statement)
    conn.commit()
    conn.close()
    repo = Repository.open(path)  # applies 0005
    assert repo.schema_version() == SCHEMA_VERSION
    assert _listed_counts(repo) == {stored.id: {"ana": 2, "ben": 1}}
    repo.close()


def _downgrade_to_schema_3(path):
    """The project as the app before migration 0004 left it (its exact schema)."""
    conn = sqlite3.connect(path)
    for statement in (
        "DROP TRIGGER articles_length_insert",
        "DROP TRIGGER articles_length_update",
        "DROP INDEX articles_listed",
        "ALTER TABLE articles DROP COLUMN text_length",
        "DELETE FROM _sqlite_migrations WHERE name = '0004_article_list'",
        "PRAGMA user_version = 3",
    ):
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_schema_3_project_gets_its_article_lengths_on_open(tmp_path):
    path = tmp_path / "p.sqlite"
    repo = Repository.open(path, create=True)
    with repo.transaction():
        (stored, _), _ = repo.add_articles([Article(text=TEXT), Article(text="Short one.")])
    repo.close()
    _downgrade_to_schema_3(path)
    repo = Repository.open(path)  # applies 0004
    assert repo.schema_version() == SCHEMA_VERSION
    lengths = {id_: d.length for id_, d in repo.article_details().items()}
    assert lengths[stored.id] == len(TEXT)  # code points: the emoji is one
    assert sorted(lengths.values()) == [len("Short one."), len(TEXT)]
    repo.close()


def test_the_article_list_reads_its_index_and_never_the_text(repo, article):
    plan = " ".join(
        row[-1]
        for row in repo.db.execute(
            "EXPLAIN QUERY PLAN SELECT id, title, outlet, date, url, source, text_sha256, "
            "text_length FROM articles ORDER BY id"
        )
    )
    assert "COVERING INDEX articles_listed" in plan
    # A row written without the app (another tool, an old script) still gets its length,
    # and so does a text changed in place.
    repo.db.execute(
        "INSERT INTO articles(text_sha256, text, imported_at) VALUES ('x', 'four', 'now')"
    )
    repo.db.execute("UPDATE articles SET text = 'ten chars!' WHERE id = ?", [article.id])
    lengths = {id_: d.length for id_, d in repo.article_details().items()}
    assert lengths == {article.id: 10, article.id + 1: 4}


def test_the_article_list_counts_statuses_and_suggestions_per_article(repo, article):
    with repo.transaction():
        (other, _), (third, _) = repo.add_articles([Article(text="Second one."), Article(text="3")])
        repo.insert_quotes(
            [
                Quote(article.id, "ana", CRIME),
                Quote(article.id, "ana", SCHOOLS),
                Quote(article.id, "ben", CRIME),
                Quote(other.id, "ben", Span(0, 6)),
            ]
        )
        repo.set_article_status(article.id, "cy", "done")
        repo.set_article_status(other.id, "ana", "in_progress")
        repo.replace_suggestions(
            other.id,
            [Suggestion(span=Span(0, 6), kind=QuoteKind.DIRECT, pipeline="rules", confidence=0.5)],
        )
    summaries = {s.id: s for s in repo.article_summaries()}
    assert [s.id for s in repo.article_summaries()] == [article.id, other.id, third.id]
    assert summaries[article.id].quote_counts == {"ana": 2, "ben": 1}
    assert summaries[article.id].statuses == {"cy": "done"}
    assert not summaries[article.id].has_suggestions
    assert summaries[other.id].quote_counts == {"ben": 1}
    assert summaries[other.id].statuses == {"ana": "in_progress"}
    assert summaries[other.id].has_suggestions
    assert (summaries[third.id].quote_counts, summaries[third.id].statuses) == ({}, {})
    assert repo.article_details()[third.id].length == 1 and summaries[third.id].title == ""
