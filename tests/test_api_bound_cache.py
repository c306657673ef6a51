"""`api.check` reuses a file bound moments ago (a batch's previous year); an edited file is read again."""

from pathlib import Path

from checker.api import check

SEED = Path(__file__).resolve().parent.parent / "examples" / "000_2606f0613b160dcc.txt"
HEADING = "三、收到和处理政府信息公开申请情况"


def test_edited_file_is_read_again(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    text = SEED.read_text(encoding="utf-8")
    report.write_text(text, encoding="utf-8")
    before = check(report, lang="en")
    assert not [f for f in before.findings if f.rule == "SEC-PRESENT"]
    report.write_text(text.replace(HEADING, "三、收到和处理"), encoding="utf-8")
    after = [f for f in check(report, lang="en").findings if f.rule == "SEC-PRESENT"]
    assert len(after) == 1 and after[0].location.part == "applications", after


def test_previous_year_from_the_same_file_checked_just_before(tmp_path: Path) -> None:
    this_year, last_year = tmp_path / "2021.txt", tmp_path / "2020.txt"
    text = SEED.read_text(encoding="utf-8")
    this_year.write_text(text, encoding="utf-8")
    last_year.write_text(text, encoding="utf-8")
    fresh = check(this_year, lang="en", previous=last_year)
    check(last_year, lang="en")  # now bound and remembered
    again = check(this_year, lang="en", previous=last_year)
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in fresh.findings]
    assert any(f.rule == "X-PREV-YEAR" for f in again.findings)  # same year twice
