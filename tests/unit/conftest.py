"""Fixtures shared by the unit tests."""

from .coded_project import coded  # noqa: F401 (a fixture: three coders, planted differences)
