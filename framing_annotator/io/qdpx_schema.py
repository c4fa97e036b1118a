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

_NS = re.compile(r"\{(?:urn:|https?://)[^}]*\}")  # namespaces, not regex counts
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


_ATTRIBUTE = re.compile(r"^attribute ([\w:]+)=(.*?): ")
_TYPES = {"integer": "an integer", "dateTime": "a date and time (2026-05-01T12:00:00Z)",
          "boolean": "true or false", "anyURI": "a URI", "decimal": "a number"}  # fmt: skip


def _reason(error: xmlschema.XMLSchemaValidationError) -> str:
    """The schema's complaint as "attribute A: expected X, found 'v'" where it can be."""
    reason = " ".join(_NS.sub("", error.reason or str(error.message)).split())
    match = _ATTRIBUTE.match(reason)
    if match is None:
        return reason
    attribute, found = match.groups()
    kind = str(getattr(error.validator, "name", None) or "").rpartition("}")[2]
    if "[0-9a-fA-F]{8}-" in reason:
        expected = "a GUID such as 01234567-89ab-4def-8123-456789abcdef"
    elif "#([A-Fa-f0-9]{6})" in reason or attribute == "color":
        expected = "a colour #RRGGBB"
    elif kind in _TYPES:
        expected = _TYPES[kind]
    else:
        return reason
    return f"attribute {attribute}: expected {expected}, found {found}"


def validate_project(root: Element, name: str) -> None:
    """Refuse ``root`` unless it is a valid REFI-QDA project; the message is one line."""
    errors = project_schema().iter_errors(root)
    first = next(errors, None)
    if first is None:
        return
    more = sum(1 for _ in itertools.islice(errors, 999))  # enough to say how bad
    reason = _reason(first)
    if len(reason) > _SHOWN:
        reason = reason[: _SHOWN - 3] + "..."
    extra = f" (and {more} more problems)" if more else ""
    raise ImportRejected(
        f"{name}: project.qde does not follow the REFI-QDA schema: element {_where(first)}: "
        f"{reason}{extra}"
    )
