"""nlp/ (and so spaCy) is imported by one thread at a time.

The window starts loading the quote suggester and training the frame learner in two
workers at once. Two threads importing spaCy together meet its modules half made
("cannot import name 'Language' from partially initialized module 'spacy.language'"),
and both jobs fail. Every import of nlp/ that may run in a worker thread goes through
this lock; once spaCy is imported, taking it costs nothing worth measuring.
"""

from __future__ import annotations

import threading

nlp_import_lock = threading.RLock()
