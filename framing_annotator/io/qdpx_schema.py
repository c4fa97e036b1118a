"""``project.qde`` checked against the REFI-QDA Project schema (``resources/refi-qda``).

The XML is parsed safely first (defusedxml, in ``qdpx_reader``); the parsed tree is
then validated with ``xmlschema``, so a file that does not follow the standard is
refused with the element, the attribute or child, and what the schema expected.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from xml.etree.ElementTree import Element

import xmlschema

from ..bundled import resource_path
from ..domain.errors import ImportRejected

_NS = re.compile(r"\{[^}]*\}")
_SHOWN = 200


@cache
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(resource_path("refi-qda", "Project.xsd")))


def _where(error: xmlschema.XMLSchemaValidationError) -> str:
    path = _NS.sub("", error.path or "")
    elem = error.elem
    if elem is not None:
        label = elem.get("name") or elem.get("guid")
        if label:
            path += f" ({label[:60]!r})"
    return path or "the document"


def validate_project(root: Element, name: str) -> None:
    """Refuse ``root`` unless it is a valid REFI-QDA project; the message is one line."""
    errors = project_schema().iter_errors(root)
    first = next(errors, None)
    if first is None:
        return
    more = sum(1 for _ in itertools.islice(errors, 999))  # enough to say how bad
    reason = " ".join(_NS.sub("", first.reason or str(first.message)).split())
    if len(reason) > _SHOWN:
        reason = reason[: _SHOWN - 3] + "..."
    extra = f" (and {more} more problems)" if more else ""
    raise ImportRejected(
        f"{name}: project.qde does not follow the REFI-QDA schema: element {_where(first)}: "
        f"{reason}{extra}"
    )
