import json

import pytest

from framing_annotator.domain.errors import ImportRejected
from framing_annotator.io import importers
from framing_annotator.io.importers import read_articles


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def test_plain_text_title_is_first_line_and_text_is_kept(tmp_path):
    path = write(tmp_path, "a.txt", "\ufeff\nPort strike ends\r\n\r\n“We won,” said Ana Ruiz.\r\n")
    (article,) = read_articles(path)
    assert article.title == "Port strike ends"
    assert article.text == "\nPort strike ends\n\n“We won,” said Ana Ruiz.\n"
    assert article.source == "a.txt"


def test_markdown_title_drops_the_heading_marks(tmp_path):
    (article,) = read_articles(write(tmp_path, "a.md", "# Council *delays* vote\n\nBody."))
    assert article.title == "Council *delays* vote"
    assert article.text.startswith("# Council")


def test_html_keeps_visible_paragraphs_only(tmp_path):
    html = (
        "<html><head><title>Measles cases rise</title><style>p{color:red}</style>"
        "<script>fetch('http://x')</script></head><body><h1>Measles</h1>"
        "<p>Cases rose,\n   officials said.</p><p>“Vaccinate,” said Dr. Lee &amp; staff.</p>"
        "<img src='http://example.invalid/x.png'><noscript>enable js</noscript></body></html>"
    )
    (article,) = read_articles(write(tmp_path, "a.html", html))
    assert article.title == "Measles cases rise"
    assert article.text == (
        "Measles\n\nCases rose, officials said.\n\n“Vaccinate,” said Dr. Lee & staff."
    )


def test_html_title_falls_back_to_first_h1(tmp_path):
    (article,) = read_articles(write(tmp_path, "a.htm", "<h1>Big news</h1><p>Body</p>"))
    assert article.title == "Big news"


def test_csv_with_metadata_columns(tmp_path):
    content = (
        "Title,outlet,date,url,text,extra\r\n"
        'Strike,Daily,2024-01-02,https://x.test/1,"Line one\r\n""We are done,"" she said.",z\r\n'
        ",Post,,,Cases rose again,\r\n"
    )
    first, second = read_articles(write(tmp_path, "c.csv", content))
    assert (first.title, first.outlet, first.date, first.url) == (
        "Strike",
        "Daily",
        "2024-01-02",
        "https://x.test/1",
    )
    assert first.text == 'Line one\n"We are done," she said.'
    assert second.title == "Cases rose again"


def test_jsonl_records(tmp_path):
    lines = [
        json.dumps({"text": "First article.", "title": "One", "date": "2024-01-01"}),
        "",
        json.dumps({"text": "Second\r\narticle.", "outlet": "Post"}),
    ]
    first, second = read_articles(write(tmp_path, "a.jsonl", "\n".join(lines)))
    assert first.title == "One" and first.date == "2024-01-01"
    assert second.text == "Second\narticle." and second.outlet == "Post"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("blank.txt", b"  \n\n ", "the file is empty"),
        ("latin1.txt", "Caf\u00e9 au lait".encode("latin-1"), "not valid UTF-8 at byte 3"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image"),
        ("nul.txt", b"text\x00more", "NUL byte at byte 4"),
        ("notes.docx", b"hello", "unsupported file type '.docx'"),
        ("no-text.csv", "title,body\nA,B\n", "no 'text' column"),
        ("empty-row.csv", "title,text\nA,B\nC,\n", "line 3: the 'text' column is empty"),
        ("header-only.csv", "title,text\n", "header but no rows"),
        ("bad.jsonl", '{"text": "ok"}\n{"text": \n', "line 2: not valid JSON"),
        ("list.jsonl", "[1, 2]\n", "line 1: field (the line): expected object, found an array"),
        ("empty-text.jsonl", '{"text": ""}\n', "line 1: field text: expected non-empty text"),
        ("scripts.html", "<script>alert(1)</script><style>p{}</style>", "no visible text"),
    ],
)
def test_bad_files_get_a_message_naming_them(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    with pytest.raises(ImportRejected) as caught:
        read_articles(path)
    assert name in str(caught.value)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_files_over_the_size_limit_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 1024)
    path = write(tmp_path, "big.txt", "word " * 1000)
    with pytest.raises(ImportRejected, match="5,000 bytes is over the 1,024 bytes limit"):
        read_articles(path)


def test_a_file_larger_than_it_reports_is_read_whole_and_within_the_limit(
    tmp_path, monkeypatch
):
    # Files in /proc report a size of 0; a file can also grow between stat and read.
    monkeypatch.setattr(importers, "check_regular_file", lambda path, name=None: 3)
    text = "“We won,” said Ana Ruiz. " * 200
    (article,) = read_articles(write(tmp_path, "grown.txt", text))
    assert article.text == text
    monkeypatch.setattr(importers, "MAX_FILE_BYTES", 1024)
    with pytest.raises(ImportRejected, match="grown.txt: over the 1,024 bytes limit"):
        read_articles(tmp_path / "grown.txt")


def test_batch_skips_bad_files_and_keeps_the_rest(project, tmp_path, seed_copy):
    good = write(tmp_path, "b.md", "# Title\n\n“Yes,” she said.")
    bad = write(tmp_path, "bad.txt", b"\xff\xfe\x00")
    empty = write(tmp_path, "empty.txt", b"")
    half_bad = write(tmp_path, "half.csv", "text\nfine row\n\n")  # blank line is no row
    report = project.import_files([seed_copy, bad, good, empty, half_bad])
    assert [a.source for a in report.added] == ["ice-operation-rise.txt", "b.md", "half.csv"]
    assert [p.name for p, _ in report.rejected] == ["bad.txt", "empty.txt"]
    assert not report.ok
    again = project.import_files([seed_copy, good])
    assert again.added == [] and len(again.duplicates) == 2
    assert len(project.articles()) == 3


def test_a_rejected_csv_is_not_half_imported(project, tmp_path):
    path = write(tmp_path, "c.csv", 'text\nfirst\nsecond\n""\n')
    report = project.import_files([path])
    assert report.added == [] and len(report.rejected) == 1
    assert project.articles() == []


def test_import_can_be_cancelled_between_files(project, tmp_path):
    paths = [write(tmp_path, f"{n}.txt", f"Article number {n}.") for n in range(5)]
    seen = []
    report = project.import_files(
        paths,
        progress=lambda done, total: seen.append((done, total)),
        cancelled=lambda: len(seen) >= 2,
    )
    assert report.cancelled and len(report.added) == 2
    assert seen == [(1, 5), (2, 5)]
    assert len(project.articles()) == 2


def test_long_articles_are_written_in_batches_by_their_text(project, tmp_path, monkeypatch):
    from framing_annotator.services import project as project_module

    monkeypatch.setattr(project_module, "IMPORT_CHUNK_CHARS", 2_500)
    batches = []
    store = project_module.Project._store
    monkeypatch.setattr(project_module.Project, "_store",
                        lambda self, articles, report: (batches.append(len(articles)),
                                                        store(self, articles, report)))  # fmt: skip
    paths = [write(tmp_path, f"{n}.txt", f"Article {n}. " + "word " * 200) for n in range(5)]
    paths.insert(2, write(tmp_path, "bad.txt", b""))
    report = project.import_files(paths)
    assert batches == [3, 2]  # about 1,000 characters a file; the refused one adds none
    assert [a.source for a in report.added] == [f"{n}.txt" for n in range(5)]
    assert len(project.articles()) == 5


def test_offsets_slice_exactly_in_hard_text(project, tmp_path):
    text = "שלום “עולם,” אמר.\r\nCafe\u0301 🙂👩‍👩‍👧 “x,” she said." + "a" * 1_000_000
    path = write(tmp_path, "hard.txt", text)
    (article,) = project.import_files([path]).added
    stored = project.article(article.id)
    start = stored.text.index("“x,”")
    assert stored.text[start : start + 4] == "“x,”"
    assert "\r" not in stored.text and len(stored.text) == len(text) - 1


def test_a_folder_imports_every_article_file_in_it(project, tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("First article.", encoding="utf-8")
    (folder / "sub" / "b.md").write_text("# Second\n\nText.", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"ignored: not an article format")
    report = project.import_files([folder])
    assert sorted(a.source for a in report.added) == ["a.txt", "b.md"]
    assert report.ok
