"""Fixtures shared by the unit tests."""

from results_data import results_project  # noqa: F401 (a fixture: gold quotes for results)

from .coded_project import coded  # noqa: F401 (a fixture: three coders, planted differences)
