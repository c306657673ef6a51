"""`reportlint rules list`: every rule with its severity, editions and agency kinds; disabled ones marked."""

from __future__ import annotations

from click.testing import CliRunner

from checker.cli import main


def _rows() -> dict[str, str]:
    result = CliRunner().invoke(main, ["rules", "list", "--lang", "en"])
    assert result.exit_code == 0, result.output
    return {line.split()[0]: line for line in result.output.splitlines()[1:]}


def test_catalogue_rules_show_their_editions_and_agency_kinds() -> None:
    rows = _rows()
    assert rows["GEN-KAOHE"].split()[1] == "warning"
    assert rows["GEN-KAOHE"].endswith("[all; government_own,government_aggregate,township]")
    assert rows["OTHER-FEE-CONSIST"].endswith("[2021; all]")


def test_a_rule_the_pack_ships_disabled_is_listed_as_disabled() -> None:
    rows = _rows()
    assert rows["OTHER-ITEMS"].endswith("[all; all; disabled]")
    assert not rows["OTHER-FEE"].endswith("disabled]")
