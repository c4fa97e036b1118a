"""The catalogue of user-facing errors.

A :class:`KnownError` is something the user can act on (bad input, a locked or
full disk, a file that is not a project). Its message names the file and the
fix, and nothing is lost when it is raised. Anything else is a bug.
"""

from __future__ import annotations


class KnownError(Exception):
    """An error caused by input or environment, shown to the user as one line."""

    code = "FA000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ImportRejected(KnownError):
    """A file could not be imported; the project is unchanged."""

    code = "FA100"


class NotAProject(KnownError):
    """The file is not a Framing Annotator project."""

    code = "FA200"


class NewerSchema(KnownError):
    """The project was written by a newer version of the app."""

    code = "FA201"


class ProjectUnavailable(KnownError):
    """The project cannot be opened or written (locked, read-only, full disk)."""

    code = "FA202"


class CannotWrite(KnownError):
    """An output file (an export) could not be written; whatever was there is unchanged."""

    code = "FA203"


class SpanError(KnownError):
    """Offsets that do not describe a valid span of the article text."""

    code = "FA300"


class ConflictError(KnownError):
    """Another session changed the same record since it was read."""

    code = "FA301"


class NotFound(KnownError):
    """A requested record does not exist."""

    code = "FA302"


class InvalidValue(KnownError):
    """A value breaks a domain rule (reserved name, unknown frame key, ...)."""

    code = "FA303"


class UnsafeArchive(ImportRejected):
    """An exchange file tries to escape its archive, uses XML entities or is too large."""

    code = "FA101"
