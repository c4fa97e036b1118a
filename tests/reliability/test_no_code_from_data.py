"""Nothing from data is executed or fetched.

- no deserialiser that can run code (pickle, marshal, shelve, ``yaml.load``) and no
  ``eval``/``exec`` anywhere in the package;
- names with quotes and semicolons are stored and read back as names (SQL is parameterised);
- HTML import keeps text only and never opens a connection: checked with a real local
  HTTP server that must see no request, and with a socket guard that makes any
  connection attempt fail loudly (as pytest-socket does).
"""

from __future__ import annotations

import ast
import http.server
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import PYTHON, WORKER_ENV

import framing_annotator
from framing_annotator.domain.model import Article, Quote, Speaker
from framing_annotator.domain.spans import Span
from framing_annotator.io.importers import read_articles
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import CreateQuote, SaveSpeaker

PACKAGE = Path(framing_annotator.__file__).parent

# Builtins and modules that turn data into running code.
_BANNED_TEXT = re.compile(
    r"\bpickle\b|\bcPickle\b|\bmarshal\b|\bshelve\b|\byaml\.(unsafe_)?load\(|\bdill\b"
    # ``eval(``/``exec(`` as the builtins: not ``app.exec()``, Qt's event loop.
    r"|(?<![\w.])eval\(|(?<![\w.])exec\(|\b__import__\("
)
_BANNED_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "yaml"}
_BANNED_CALLS = {"eval", "exec", "compile", "__import__"}


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def banned_text(source: str) -> list[str]:
    """Every line of ``source`` that mentions a banned name (comments and docstrings too)."""
    return [line.strip() for line in source.splitlines() if _BANNED_TEXT.search(line)]


def banned_code(source: str) -> list[str]:
    """Banned imports and calls, found in the syntax tree (so aliases cannot hide them)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in _BANNED_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in _BANNED_MODULES:
                found.append(node.module)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in _BANNED_CALLS:
                found.append(f"{node.func.id}()")
    return found


def test_package_source_has_no_code_from_data() -> None:
    sources = _sources()
    assert len(sources) > 20  # the package was found
    problems = {}
    for path in sources:
        source = path.read_text(encoding="utf-8")
        hits = banned_text(source) + banned_code(source)
        if hits:
            problems[str(path.relative_to(PACKAGE))] = hits
    assert problems == {}


@pytest.mark.parametrize(
    "snippet",
    [
        "import pickle\n",
        "from pickle import loads as l\n",
        "import marshal as m\n",
        "import shelve\n",
        "import yaml\nyaml.load(s)\n",
        "x = eval('1')\n",
        "exec(code)\n",
        "f = __import__('os')\n",
    ],
)
def test_the_source_check_can_fail(snippet: str) -> None:
    assert banned_text(snippet) or banned_code(snippet)


def test_qt_event_loop_is_not_mistaken_for_exec() -> None:
    assert banned_text("    return app.exec()\n") == []
    assert banned_code("app.exec()\n") == []


# -- SQL-shaped names are just names -----------------------------------------------------

HOSTILE_NAMES = [
    "Robert'); DROP TABLE quotes;--",
    "O'Brien\"; DELETE FROM articles; --",
    "x' OR '1'='1",
    "name; ATTACH DATABASE '/tmp/evil.db' AS evil;",
    '"quoted" NEAR(a b) OR title:* AND -x ^y',
    "%_\\ LIKE '%'",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_names_with_quotes_and_semicolons_are_stored_literally(project, name, counts) -> None:
    text = f"{name} said: “The plan works.” It was Monday."
    (article,) = project.import_articles([Article(text=text, title=name, outlet=name)]).added
    session = AnnotationSession(project.repo, name)  # the annotator's name
    save = SaveSpeaker(Speaker(name, aliases=(name + " alias",)))
    session.execute(save)
    quote = Quote(
        article_id=article.id,
        annotator=name,
        span=Span(0, len(name)),
        speaker_id=save.saved.id,
        note=name,
    )
    session.execute(CreateQuote(quote))

    repo = project.repo
    assert [a.name for a in repo.annotators()] == [name]
    assert repo.speaker_by_name(name).aliases == (name + " alias",)
    (stored,) = repo.quotes(annotator=name)
    assert stored.note == name and text[stored.start : stored.end] == name
    (summary,) = project.articles()
    assert summary.title == name and summary.outlet == name
    # A search for the name is a search for its words, never FTS syntax or SQL.
    hits = project.search(name)
    assert {h.what for h in hits} == {"quote", "article"}
    assert project.search(name, speaker=name)[0].speaker == name
    assert [h.what for h in project.search("plan works")] == ["article"]
    counts.add("hostile.sql_shaped_names")


# -- HTML import fetches nothing ---------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - base signature
        pass


@pytest.fixture
def web_server() -> Iterator[str]:
    """A real HTTP server on localhost that records every request it gets."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _page(base: str) -> str:
    return f"""<!DOCTYPE html>
<html><head>
<title>Council vote</title>
<link rel="stylesheet" href="{base}/style.css">
<meta http-equiv="refresh" content="0; url={base}/refresh">
<script src="{base}/app.js"></script>
<script>fetch("{base}/inline")</script>
<style>@import url("{base}/import.css"); body {{ background: url({base}/bg.png) }}</style>
</head><body>
<h1>Council vote</h1>
<p>“We will vote,” said the mayor.<img src="{base}/pixel.gif" onerror="alert(1)"></p>
<p>See <a href="file:///etc/passwd">the file</a> and <a href="{base}/page">the page</a>.</p>
<iframe src="{base}/frame"></iframe><object data="{base}/object"></object>
<svg><image href="{base}/svg.png"/></svg>
<p>&lt;img src="{base}/escaped.png"&gt; is text.</p>
</body></html>"""


def test_html_import_fetches_nothing_and_keeps_only_text(tmp_path, web_server, counts) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(web_server), encoding="utf-8")
    (article,) = read_articles(path)
    assert article.title == "Council vote"
    assert article.text == (
        "Council vote\n\n“We will vote,” said the mayor.\n\n"
        "See the file and the page.\n\n"
        f'<img src="{web_server}/escaped.png"> is text.'
    )
    # The escaped tag is now literal text: shown as characters, never as an image.
    assert _Recorder.requests == []
    counts.add("no_code.remote_references", _page(web_server).count(web_server))


def test_the_fetch_check_can_fail(web_server) -> None:
    """The recorder does see a request when one is made."""
    import urllib.request

    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{web_server}/probe", timeout=5)  # noqa: S310 - localhost
    assert _Recorder.requests == ["/probe"]


class _NoNetwork(socket.socket):
    """A socket class that refuses to exist: any network use fails the test loudly."""

    def __init__(self, *args, **kwargs) -> None:
        raise AssertionError("the code under test tried to open a socket")


@pytest.fixture
def no_network(monkeypatch) -> None:
    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", _NoNetwork)
    monkeypatch.setattr(socket, "getaddrinfo", _NoNetwork)


def test_importing_every_format_opens_no_socket(tmp_path, no_network, project) -> None:
    base = "http://example.invalid"
    files = {
        "page.html": _page(base),
        "plain.txt": f'<img src="{base}/x.png"> is just text here',
        "notes.md": f"# Title\n\n![image]({base}/x.png) and [link]({base})",
        "table.csv": f'title,text,url\nT,"<script src={base}/a.js></script> text",{base}\n',
        "rows.jsonl": f'{{"text": "<img src={base}/y.png> words", "url": "{base}"}}\n',
    }
    paths = []
    for name, content in files.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(content, encoding="utf-8")
    report = project.import_files(paths)
    assert report.ok and len(report.added) == len(files)
    texts = {a.source: project.article(a.id).text for a in report.added}
    # Markup outside HTML files is kept literally: the view shows it as characters.
    assert texts["plain.txt"] == files["plain.txt"]
    assert texts["notes.md"] == files["notes.md"]
    assert texts["rows.jsonl"] == f"<img src={base}/y.png> words"
    with pytest.raises(AssertionError, match="tried to open a socket"):
        socket.create_connection(("127.0.0.1", 9))  # the guard is really in place


def test_importers_do_not_load_network_modules() -> None:
    code = (
        "import sys\nimport framing_annotator.io.importers, framing_annotator.services.project\n"
        "print(','.join(sorted(m for m in ('socket', 'http.client', 'urllib.request', "
        "'ssl', 'ftplib') if m in sys.modules)))\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, env=WORKER_ENV, check=True
    )
    assert result.stdout.strip() == ""
