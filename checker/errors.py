"""Errors that end a command with exit code 2 and a one-line message."""

from __future__ import annotations


class InputError(Exception):
    """Unreadable or invalid input (report, rules, config). The message is one line for the user."""

    def __init__(self, message: str, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)
