"""User errors: each carries the exit code of the design doc and a message naming the fix.

Anything that is not a `BriefError` is a bug and keeps its traceback.
"""

from __future__ import annotations


class BriefError(Exception):
    """A problem the user can fix; shown as one red line, never a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidDataError(BriefError):
    """The data could not be made into a valid brief (65)."""

    exit_code = 65


class NoInputError(BriefError):
    """No usable articles in the input, or the input folder is missing (66)."""

    exit_code = 66


class TemporaryFailure(BriefError):
    """LLM or mail server down, rate limited, lock held: retry later (75)."""

    exit_code = 75


class RefusedError(BriefError):
    """The brief is not approved, or changed since approval (77)."""

    exit_code = 77


class ConfigError(BriefError):
    """Missing key, bad brief.toml, template error (78)."""

    exit_code = 78
