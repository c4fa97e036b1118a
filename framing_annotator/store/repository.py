"""The repository: maps project rows to domain objects. The only SQL in the codebase.

Reads are plain methods; every write method must run inside
:meth:`Repository.transaction`, which is one user action. The methods live in one
module per kind of row; this class puts them together.
"""

from __future__ import annotations

from .articles import ArticleRows
from .catalogue import CatalogueRows
from .frame_models import FrameModelRows
from .quotes import QuoteRows
from .rows import fts_query, now
from .search import SearchRows
from .suggestions import SuggestionRows

__all__ = ["Repository", "fts_query", "now"]


class Repository(
    ArticleRows, CatalogueRows, QuoteRows, SuggestionRows, SearchRows, FrameModelRows
):
    """A project file, open for reading and for transactional writes."""
