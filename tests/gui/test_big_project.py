"""A big project opens at once: the list fetches pages as it scrolls, filters and counts are
SQL, and the backup on open runs in a worker, not on the thread that draws the window."""

import threading

from framing_annotator.domain.model import Article, ArticleListing
from framing_annotator.services import background
from framing_annotator.services.project import Project
from framing_annotator.ui.models import ArticleListModel

from .conftest import keys


def make_big(path, count):
    project = Project.open(path, create=True)
    project.import_articles(
        Article(text=f"Article number {n}.\n\nBody {n}.", title=f"Article {n}",
                outlet="Daily" if n % 3 else "Weekly")
        for n in range(count)
    )  # fmt: skip
    with project.repo.transaction() as repo:
        for article_id in (2, 3, 5):
            repo.set_article_status(article_id, "ana", "done")
    project.close()
    return path


def test_the_list_fetches_pages_and_filters_in_sql(qtbot, qtmodeltester, open_window, tmp_path):
    window = open_window(make_big(tmp_path / "big.sqlite", 1100))
    model = window.article_list.model
    assert model.total == 1100
    assert model.rowCount() == ArticleListModel.PAGE  # one page, not 1,100 rows
    assert model.canFetchMore()
    # The model on its own (a view attached fetches more inside the tester's checks).
    qtmodeltester.check(ArticleListModel(window.controller, ArticleListing()))
    window.article_list.view.scrollToBottom()  # the view asks for the next page
    qtbot.waitUntil(lambda: model.rowCount() > ArticleListModel.PAGE)
    assert window.article_list.progress.format() == "3 of 1100 done"
    window.article_list.status_filter.setCurrentIndex(3)  # Done
    assert [window.article_list.model.summary(r).id for r in range(3)] == [2, 3, 5]
    assert window.article_list.model.total == 3
    window.article_list.status_filter.setCurrentIndex(0)
    weekly = window.controller.article_count(ArticleListing(outlet="Weekly"))
    assert weekly == len(range(0, 1100, 3))
    # Mark done on article 1 goes on to 4: 2 and 3 are done already.
    keys(qtbot, window.article_view, "Ctrl+Return")
    assert window.article_id == 4
    # Undo of a step in an article far down the list opens it, fetching its page.
    window.controller.open_article(1050)
    text = window.state.article.text
    window.article_view.select_span(_span(text, "Body"))
    keys(qtbot, window.article_view, "Return")
    window.controller.open_article(1)
    keys(qtbot, window.article_view, "Ctrl+Z")
    assert window.article_id == 1050
    assert window.article_list.view.currentIndex().row() == 1049


def _span(text, word):
    from framing_annotator.domain.spans import Span

    start = text.index(word)
    return Span(start, start + len(word))


def test_the_backup_on_open_runs_off_the_window_thread(qtbot, open_window, tmp_path,
                                                       monkeypatch):  # fmt: skip
    threads = []
    backup = background.backup_project

    def recording(path):
        threads.append(threading.current_thread())
        return backup(path)

    monkeypatch.setattr(background, "backup_project", recording)
    window = open_window(make_big(tmp_path / "big.sqlite", 50))
    qtbot.waitUntil(lambda: window.menu.backup_timer.isActive(), timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()
    assert len(window.menu.backups.backups()) == 1
    assert window.isVisible() and window.article_list.model.rowCount() == 50
