"""Writing output files atomically, and only where the user said."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from checker.errors import InputError


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text to path via a temporary file in the same folder and os.replace.

    A reader of the file (a CI step, a browser) never sees a half-written file, and a
    failed run never leaves a truncated one behind.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {target}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file follows the user's umask
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
