"""Declared schemas for the rows that come in, and one-line messages when a row misfits.

The schemas are JSON Schema (draft 2020-12) files shipped under
``resources/schemas/`` so users and other tools can read them: ``article-row`` for a
line of a JSONL article file, ``annotation-row`` for a line of a JSONL annotation
set. :func:`validate_row` checks a decoded row with ``jsonschema`` and, when it does
not fit, raises :class:`ImportRejected` with the file and line, the field, what was
expected and what was found.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from ..bundled import resource_path
from ..domain.errors import ImportRejected

SCHEMAS = ("article", "annotation")

_JSON_TYPES = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
    type(None): "null",
}


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of ``resources/schemas/<name>-row.schema.json``, loaded once.

    Local ``$ref``s are inlined first: resolving them row by row costs half the time of
    checking a line with ten spans, and the file keeps them for its readers.
    """
    path = resource_path("schemas", f"{name}-row.schema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(_inline(schema, schema.get("$defs", {})))


def _inline(node: Any, defs: dict) -> Any:
    """``node`` with every ``{"$ref": "#/$defs/x"}`` replaced by the definition itself."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/") and len(node) == 1:
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        return {key: _inline(value, defs) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


def validate_row(row: Any, name: str, where: str) -> None:
    """Refuse ``row`` unless it fits schema ``name``; the message is one line."""
    fits = plain_check(name)
    if fits is not None and fits(row):
        return
    error = best_match(validator(name).iter_errors(row))
    if error is not None:
        raise ImportRejected(f"{where}: {describe(error)}")


# JSON Schema's simple types as Python classes; bool is no integer or number in JSON Schema.
_CLASSES = {"string": (str,), "null": (type(None),), "integer": (int,), "number": (int, float),
            "boolean": (bool,), "object": (dict,), "array": (list,)}  # fmt: skip
_PLAIN_OBJECT = {"$schema", "$id", "title", "description", "type", "required", "properties"}
_PLAIN_PROPERTY = {"type", "minLength", "description"}


@cache
def plain_check(name: str) -> Callable[[Any], bool] | None:
    """A quick yes for a row that fits schema ``name``, when the schema is a flat object of
    typed properties (``article-row``); None for any other schema.

    ``jsonschema`` takes about 19 µs to pass one article line, a fifth of a JSONL import. The
    check is read off the schema itself, so the file stays the one definition: it answers
    True only when every rule holds, and anything else goes to the validator, which also
    words the message.
    """
    schema = validator(name).schema
    properties = schema.get("properties", {})
    if not (set(schema) <= _PLAIN_OBJECT and schema.get("type") == "object"
            and all(set(rule) <= _PLAIN_PROPERTY for rule in properties.values())):
        return None  # fmt: skip
    required = tuple(schema.get("required", ()))
    rules = []
    for key, rule in properties.items():
        types = rule.get("type", list(_CLASSES))
        classes = tuple(c for t in ([types] if isinstance(types, str) else types)
                        for c in _CLASSES[t])  # fmt: skip
        rules.append((key, classes, "boolean" in types, rule.get("minLength", 0)))

    def fits(row: Any) -> bool:
        if type(row) is not dict or any(key not in row for key in required):
            return False
        for key, classes, bool_ok, min_length in rules:
            if key not in row:
                continue
            value = row[key]
            if not isinstance(value, classes) or (type(value) is bool and not bool_ok):
                return False
            if min_length and type(value) is str and len(value) < min_length:
                return False
        return True

    return fits


def _found(value: Any) -> str:
    kind = _JSON_TYPES.get(type(value), type(value).__name__)
    if isinstance(value, dict | list):
        return f"{'an' if kind[0] in 'ao' else 'a'} {kind}"
    shown = json.dumps(value, ensure_ascii=True)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{kind} {shown}" if value is not None else "null"


def _field(path: list) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the line)"


def describe(error: ValidationError) -> str:
    """``field X: expected Y, found Z`` for one validation error."""
    path = list(error.absolute_path)
    value, rule, schema = error.instance, error.validator, error.schema
    if rule == "required":
        missing = next(p for p in error.validator_value if p not in value)
        return f"field {_field([*path, missing])}: expected a value, found none (it is missing)"
    if rule == "type":
        types = error.validator_value
        types = [types] if isinstance(types, str) else [t for t in types if t != "null"]
        expected = " or ".join(types) + (" (or null)" if "null" in error.validator_value else "")
    elif rule == "enum":
        choices = [c for c in error.validator_value if c is not None]
        expected = "one of " + ", ".join(json.dumps(c) for c in choices)
    elif rule == "minLength":
        expected = "non-empty text" if error.validator_value == 1 else (
            f"at least {error.validator_value} characters")  # fmt: skip
    elif rule == "maxLength":
        return (
            f"field {_field(path)}: expected at most {error.validator_value:,} characters, "
            f"found {len(value):,}"
        )
    elif rule in ("minimum", "maximum"):
        sign = "at least" if rule == "minimum" else "at most"
        expected = f"a number {sign} {error.validator_value}"
    elif rule == "pattern":
        expected = schema.get("description") or f"text matching {error.validator_value}"
    else:
        return f"field {_field(path)}: {error.message}"
    return f"field {_field(path)}: expected {expected}, found {_found(value)}"
