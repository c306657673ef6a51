"""Errors that end a command with exit code 2 and a one-line message."""

from __future__ import annotations


class InputError(Exception):
    """Unreadable or invalid input (report, rules, config). The message is one line for the user.

    Raise sites write English; `localize` gives the Chinese wording from `checker.errors_zh` when the
    user asked for Chinese, so ``message`` and ``source`` are kept apart for it.
    """

    def __init__(self, message: str, source: str | None = None, *, zh: str | None = None) -> None:
        self.source = source
        self.message = message
        self.zh = zh  # the Chinese wording, when the raise site has it (rule-pack problems carry both)
        super().__init__(f"{source}: {message}" if source else message)


def localize(error: BaseException | str, lang: str) -> str:
    """The one-line message of ``error`` in ``lang``: English as raised, or its Chinese wording.

    The source prefix and the interpolated values (paths, line:column, numbers, library text) stay as
    they are; a message the catalogue does not know stays English rather than failing.
    """
    text = str(error)
    if lang != "zh":
        return text
    own = getattr(error, "zh", None)
    if own:
        source = getattr(error, "source", None)
        return f"{source}: {own}" if source else own
    from checker import errors_zh  # only on the way out with an error in Chinese

    source, message = getattr(error, "source", None), getattr(error, "message", None)
    if source and isinstance(message, str):
        return f"{source}: {errors_zh.translate(message)}"
    return errors_zh.translate_prefixed(text)
