"""A cache of loaded rule packs, so a cold `reportlint check` skips YAML parsing and jsonschema.

Loading and validating the national pack costs ~0.4 s (PyYAML with marks, jsonschema for each rule
file and its params); unpickling the result costs ~2 ms. The cache key is the BLAKE2b hash of every
file of the pack folder, of the packs it extends, of the bundled rules and schemas, plus the reportlint
version, the Python cache tag and the size and modification time of every module of this package (the
entry pickles its classes: a source checkout changes them without a new version), so editing any rule
file or module misses the cache. Entries live under
``$XDG_CACHE_HOME/reportlint/`` (default ``~/.cache/reportlint``), are written atomically (temporary
file + ``os.replace``), and a broken or unwritable cache is ignored: the cache only ever saves time.
``--no-cache`` or ``REPORTLINT_NO_CACHE=1`` turns it off. An entry also holds the regexes the loader
found safe (`checker.regexsafe.accepted`) and their compiled forms, so a check served from it builds them
without the safety parse and without re's parser and compiler, and the words the text kinds look for before
trying each of them (`checker.kinds._patterns.requirements_of`).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path
from typing import Any

try:  # the built-in BLAKE2: `import hashlib` loads OpenSSL first (~5 ms of a ~250 ms cold check)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b
try:  # a hit only unpickles: the C unpickler without the pure-Python pickle module (~2 ms to import)
    from _pickle import load as _unpickle
except ImportError:  # pragma: no cover - an interpreter without the C accelerator
    from pickle import load as _unpickle

from checker import __version__, regexsafe
from checker.resources import rules_dir, schemas_dir
from checker.ruleset import MAX_EXTENDS_DEPTH, Ruleset, load_ruleset

_EXTENDS = re.compile(r"^extends:\s*['\"]?([^'\"#\s]+)", re.MULTILINE)


def cache_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportlint"


def _pack_folder(path: str | Path | None) -> Path | None:
    if path is None:
        return rules_dir() / "national"
    p = Path(path)
    if p.is_file() and p.name == "pack.yaml":
        p = p.parent
    if p.is_dir():
        return p
    bundled = rules_dir() / str(path)
    return bundled if bundled.is_dir() else None


def _folders(folder: Path) -> list[Path] | None:
    """The pack folder and every folder it extends (by path); None when that cannot be told."""
    out = [folder]
    for _ in range(MAX_EXTENDS_DEPTH):
        try:
            text = (out[-1] / "pack.yaml").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        match = _EXTENDS.search(text)
        if match is None:
            return out
        parent = (out[-1] / match[1]).resolve()
        if not parent.is_dir():
            return out  # a bundled pack name: the bundled rules are hashed anyway
        out.append(parent)
    return None


def cache_key(path: str | Path | None) -> str | None:
    """The content hash (BLAKE2b-256) naming the cache entry of a pack, or None when it is not cacheable."""
    folder = _pack_folder(path)
    folders = _folders(folder) if folder is not None else None
    if folders is None:
        return None
    digest = blake2b(f"{__version__}\0{sys.implementation.cache_tag}\0{folder.resolve()}".encode(), digest_size=32)
    bundled = rules_dir().resolve()
    own = [f for f in folders if not f.resolve().is_relative_to(bundled)]  # bundled packs are hashed below
    for root in [*own, rules_dir(), schemas_dir()]:
        for name, file in _files(root):
            digest.update(name.encode() + b"\0")
            with open(file, "rb") as handle:
                digest.update(handle.read())
    for name, file in _files(Path(__file__).parent, ".py"):
        stat = os.stat(file)
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _files(root: Path, suffix: str = "") -> list[tuple[str, str]]:
    """(path relative to root, path) of every file below root (ending in `suffix`), sorted. os.scandir,
    not Path.rglob: on a cold start the pathlib walk over ~150 files cost more (~6 ms) than reading and
    hashing them."""
    top, found, folders = str(root), [], [str(root)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if not (suffix and entry.name in ("__pycache__", "_bundled")):  # modules only
                        folders.append(entry.path)
                elif entry.is_file() and entry.name.endswith(suffix):
                    found.append(entry.path)
    return sorted((path[len(top):].lstrip(os.sep), path) for path in found)


def _read(entry: Path) -> Ruleset | None:
    try:
        with entry.open("rb") as handle:
            ruleset, safe, known, forms, required = _unpickle(handle)  # our own file under the user's cache folder
    except Exception:  # noqa: BLE001 - a truncated or stale entry is a miss, never an error
        return None
    if not (isinstance(ruleset, Ruleset) and isinstance(safe, frozenset) and isinstance(known, frozenset)
            and isinstance(forms, tuple) and len(forms) == 2 and isinstance(forms[1], dict)
            and isinstance(required, dict)):
        return None
    from checker.kinds import _patterns  # the check imports it anyway

    regexsafe.trust(safe, forms, known)
    _patterns.learn_requirements(required)
    return ruleset


def _write(entry: Path, ruleset: Ruleset) -> None:
    import pickle  # only on a miss, like tempfile: a cold check served from the cache never writes
    import tempfile

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(_entry(ruleset), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass


# The modules a check imports after loading its pack: on a hit, their module regexes are built from
# the entry's compiled forms (`regexsafe.compile_known`) instead of re's parser and compiler.
_CHECK_MODULES = ("checker.api", "checker.bind", "checker.reportshape", "checker.readers.decode",
                  "checker.formatters._common")  # the default (table) output's


def _entry(ruleset: Ruleset) -> tuple[Ruleset, frozenset[str], frozenset[str], tuple[Any, ...], dict[Any, Any]]:
    """What an entry holds: the pack, the regexes found safe, the patterns our own code compiles
    (`regexsafe.compile_known`), the compiled forms of both, and the words every match of the pack's
    regexes and phrases contains (`checker.kinds._patterns`' prefilter), so a hit derives none of them again."""
    from checker.kinds import _patterns

    for module in _CHECK_MODULES:  # their module regexes go through regexsafe.compile_known
        importlib.import_module(module)
    phrases = frozenset(_patterns.phrase_pattern(entry) for entry in _phrases(ruleset))
    safe, known = regexsafe.accepted(), regexsafe.known() | phrases
    regexes = [regexsafe.compile_safe(p) for p in safe] + [re.compile(p) for p in phrases]
    return ruleset, safe, known, regexsafe.compiled_forms(safe | known), _patterns.requirements_of(regexes)


def _phrases(ruleset: Ruleset) -> list[str]:
    """The plain phrases of the pack's pattern lists (a phrase sits where a `{regex: ...}` entry may):
    the text kinds search them as escaped regexes, compiled and prefiltered like the vetted ones."""
    from checker import kinds
    from checker.lint_meaning import walk

    out = []
    for rule in ruleset.rules:
        try:
            specs = getattr(kinds.get(rule.kind), "REGEX_PARAMS", ())
        except KeyError:
            continue
        for spec in specs:
            if spec.endswith(".regex"):
                out += [e for _, e in walk(rule.params, spec.removesuffix(".regex")) if isinstance(e, str)]
    return out


def load_ruleset_cached(path: str | Path | None = None, *, use_cache: bool = True) -> Ruleset:
    """`load_ruleset(path)`, served from the cache when the pack's files have not changed."""
    if not use_cache or os.environ.get("REPORTLINT_NO_CACHE"):
        return load_ruleset(path)
    try:
        key = cache_key(path)
    except OSError:
        key = None
    if key is None:
        return load_ruleset(path)
    entry = cache_dir() / f"ruleset-{key[:40]}.pickle"
    cached = _read(entry) if entry.is_file() else None
    if cached is not None:
        return cached
    ruleset = load_ruleset(path)
    _write(entry, ruleset)
    return ruleset
