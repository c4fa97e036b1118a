"""The frozen app's entry script (PyInstaller runs it as a top-level script).

``framing_annotator/__main__.py`` uses relative imports, which a top-level script cannot,
so this launcher imports it as part of the package. With ``FA_FROZEN_SMOKE=1`` it runs
:func:`smoke` instead: the self-check that ``packaging/build_app.sh`` uses to prove the
built app can show its window on the sample project (offscreen), then exit.
"""

from __future__ import annotations

import json
import os
import sys


def smoke() -> int:
    """Open the window on the first-run sample project, check it, print a summary, exit."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from framing_annotator.app import APPLICATION, ORGANISATION, open_main_window
    from framing_annotator.bundled import SAMPLE_ARTICLE, resource_path, seed_path
    from framing_annotator.services.suggestions import load_suggester

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    window = open_main_window(None, annotator="smoke", suggestions=False)
    window.show()
    app.processEvents()
    suggester = load_suggester("blank")
    text = seed_path(SAMPLE_ARTICLE).read_text(encoding="utf-8")
    report = {
        "frozen": bool(getattr(sys, "frozen", False)),
        "articles": window.article_list.model.rowCount(),
        "icon": not QIcon(str(resource_path("icons", "framing-annotator.svg"))).isNull(),
        "codebook": resource_path("codebooks", "default.json").is_file(),
        "pipeline": suggester.pipeline_name,
        "suggestions": len(suggester.suggest(text)),
    }
    window.close()
    print(json.dumps(report))
    ok = report["articles"] == 1 and report["icon"] and report["codebook"]
    return 0 if ok and report["suggestions"] > 0 else 1


def main() -> int:
    """Run the smoke check when asked to, else the app (window or command line)."""
    if os.environ.get("FA_FROZEN_SMOKE") == "1":
        return smoke()
    from framing_annotator.__main__ import main as app_main

    return app_main()


if __name__ == "__main__":
    sys.exit(main())
