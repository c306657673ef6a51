"""cell_key gives a key equal to (row, column), made of the template's own id strings (the strings the binder keys
cells with), so the plans of linear_identity, cell_values and narrative_numbers hold the same keys as before."""

from __future__ import annotations

from checker.kinds._base import cell_key


def test_a_cell_key_is_the_pair_with_the_templates_own_strings(ruleset) -> None:
    for structure in ruleset.structures.values():
        for spec in structure.tables:
            for row in spec.rows:
                for column in spec.columns:
                    copy = ("".join(list(row.id)), "".join(list(column.id)))  # equal strings, other objects
                    key = cell_key(spec, *copy)
                    assert key == (row.id, column.id)
                    assert key[0] is row.id or any(r.id == row.id and key[0] is r.id for r in spec.rows)
                    assert any(c.id == column.id and key[1] is c.id for c in spec.columns)
            assert cell_key(spec, "no such row", "no such column") == ("no such row", "no such column")


def test_the_plans_hold_the_keys_they_held_before(ruleset) -> None:
    from checker.examples import build
    from checker.kinds import cell_values, linear_identity

    bound = build(ruleset, None)
    for rule in ruleset.rules:
        if rule.kind != "linear_identity" or rule.params["table"] not in bound.tables:
            continue
        table = bound.tables[rule.params["table"]]
        spec, params = table.spec, rule.params
        identities = [(spec.expand(i["left"]), spec.expand(i["right"])) for i in params["identities"]]
        before = []
        for line in linear_identity._lines(table, params["each"], params):
            for left, right in identities:
                if params["each"] == "row":
                    before.append(([(line, c) for c in left], [(line, c) for c in right]))
                else:
                    before.append(([(r, line) for r in left], [(r, line) for r in right]))
        assert linear_identity._plan(table, params) == tuple(before)
    for table in bound.tables.values():
        spec = table.spec
        signed = {c.id for c in spec.columns if c.signed}
        before = tuple(((row.id, c), row.id, c, row.decimals, c in signed) for row in spec.rows for c in row.columns)
        assert cell_values._slots(spec) == before
