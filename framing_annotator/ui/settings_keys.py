"""Every key the app keeps in QSettings, in one place (no Qt import, so app.py can read
them before it decides whether a window can be shown)."""

LAST_PROJECT = "project/last"
RECENT_PROJECTS = "project/recent"
RECENT_COUNT = 8
ANNOTATOR = "annotator/name"
PIPELINE = "suggester/pipeline"
THRESHOLD = "suggester/threshold"
FONT_PIXELS = "view/font_pixels"
CONFIRM_DONE = "annotate/confirm_done_with_pending_work"
SUGGEST_FRAMES = "frames/suggest"
UNCERTAIN_FIRST = "frames/uncertain_first"
