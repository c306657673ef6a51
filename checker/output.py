"""Writing output files atomically, and only where the user said."""

from __future__ import annotations

import os
import stat
import tempfile

from checker.errors import InputError


class AtomicFile:
    """A text file written under a temporary name in its folder and moved into place on `commit`.

    A reader of the file (a CI step, a browser) never sees a half-written file, and a failed run
    never leaves a truncated one behind. A target that exists and is not a regular file
    (`-o /dev/null`, `/dev/stdout`, a named pipe) is written in place: renaming over it would
    replace the device with a file (for root, /dev/null itself).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.tmp: str | None = None
        try:
            if _is_special(self.path):
                self.handle = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in commit/discard
                return
            folder = os.path.dirname(self.path) or "."
            if not os.path.isdir(folder):
                raise InputError(f"cannot write {self.path}: folder {folder} does not exist")
            fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.path)}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        try:
            self.handle.close()
            if self.tmp is not None:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file follows the user's umask
                os.replace(self.tmp, self.path)
        except OSError as exc:
            self.discard()
            raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def discard(self) -> None:
        try:
            self.handle.close()
        except OSError:
            pass
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass


def _is_special(path: str) -> bool:
    """An existing device, pipe or socket (not a regular file or a folder)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # absent (the usual case) or unreachable: creating the temporary file says
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text to path through an `AtomicFile`."""
    target = AtomicFile(path)
    try:
        target.handle.write(text)
    except OSError as exc:
        target.discard()
        raise InputError(f"cannot write {target.path}: {exc.strerror or exc}") from None
    target.commit()
