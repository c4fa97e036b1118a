"""What the coefficients and variables are called in the window, the command line and
reports, and one sentence on what each measures: the plain names researchers cite."""

from __future__ import annotations

from collections.abc import Mapping

UNIT_DEFINITION = (
    "A unit is one stretch of text that coders marked as a quote: quotes of different "
    "coders that overlap by at least half of each are one unit."
)
UNITS_BEHIND = (
    "Units each figure rests on: every unit for detection; for the other variables, the "
    "units that two or more coders gave a value."
)

_VARIABLES = {"detection": "Quote detection", "speaker": "Speaker", "kind": "Quote kind"}

_ABOUT = {
    "detection": (
        "Krippendorff's αU: whether coders mark the same stretches of text as quotes, "
        "boundaries included; undefined when nobody marked a quote."
    ),
    "speaker": (
        "Krippendorff's α: whether coders name the same speaker for a unit; undefined when "
        "no unit has a speaker from two coders, or all have the same speaker."
    ),
    "kind": (
        "Krippendorff's α: whether coders give a unit the same kind (direct, mixed, "
        "indirect); undefined when every unit has the same kind."
    ),
    "frame": (
        "Krippendorff's α: whether coders agree that the frame is present or absent in a "
        "unit; undefined when no coder used it, or every coder used it everywhere."
    ),
}


def coefficient_name(coefficient: str, level: str = "nominal") -> str:
    """``Krippendorff's α (nominal)`` or ``Krippendorff's αU (quote detection)``."""
    if coefficient == "krippendorff_alpha_u":
        return "Krippendorff's αU (quote detection)"
    if coefficient == "krippendorff_alpha":
        return f"Krippendorff's α ({level})"
    return coefficient


def variable_label(variable: str, frame_labels: Mapping[str, str]) -> str:
    """``Quote detection``, ``Speaker``, ``Quote kind`` or ``Frame: <codebook label>``."""
    if variable.startswith("frame:"):
        key = variable.removeprefix("frame:")
        return f"Frame: {frame_labels.get(key, key)}"
    return _VARIABLES.get(variable, variable)


def about(variable: str) -> str:
    """One sentence on what the variable's coefficient measures and when it is undefined."""
    return _ABOUT["frame" if variable.startswith("frame:") else variable]
