"""Checking reports on a Dask cluster: `check_bag(paths_bag) -> bag of result dicts`.

Past one machine, map the pure check over a `dask.bag` of paths (``pip install 'reportlint[dask]'``):

    import dask.bag as db
    from checker.dask import check_bag
    results = check_bag(db.from_sequence(paths, npartitions=64), lang="en").compute()

Each partition loads the rule pack once (the bundled pack, or ``ruleset_path``) on its worker; every
item becomes ``CheckResult.to_dict()`` (the schema of ``--format json`` results), an unreadable file a
dict with ``error``. The workers need the reports at the same paths (a shared file system or object
store mounted alike). Cross-year pairing is not done here: pass ``previous`` per path via `check_pairs`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from checker.batch import check_path


def _check_partition(items: Iterable[Any], ruleset_path: str | None, options: dict[str, Any]) -> list[dict]:
    from checker.rulecache import load_ruleset_cached

    ruleset = load_ruleset_cached(ruleset_path)
    pairs = [item if isinstance(item, tuple) else (item, None) for item in items]
    # A list, not a generator: the processes scheduler pickles each partition's result.
    return [check_path(str(path), ruleset, previous=prev, **options).to_dict() for path, prev in pairs]


def check_bag(paths_bag: Any, ruleset_path: str | None = None, **options: Any) -> Any:
    """A lazy bag of result dicts, one per path of `paths_bag` (or per ``(path, previous)`` pair).

    ``options``: ``lang`` ("zh"/"en") and ``agency_kind``, as for `checker.api.check`.
    """
    unknown = set(options) - {"lang", "agency_kind"}
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    return paths_bag.map_partitions(_check_partition, ruleset_path, options)


def check_pairs(paths: list[str], npartitions: int = 16, **options: Any) -> Any:
    """`check_bag` over `paths`, each paired with last year's report of its agency among them."""
    import dask.bag as db

    from checker.batch import plan_previous

    previous = plan_previous(paths)
    items = [(p, previous.get(p)) for p in paths]
    return check_bag(db.from_sequence(items, npartitions=max(1, min(npartitions, len(items)))), **options)
