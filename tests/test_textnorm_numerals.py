"""textnorm.cn_number: counts written in Chinese numerals (TXT-APPS reads "受理申请一百二十三件")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.kinds._text import number
from checker.textnorm import cn_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("零", 0), ("〇", 0), ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一十五", 15),
     ("一百二十三", 123), ("一百零一", 101), ("两百", 200), ("一千零五", 1005), ("一千一百", 1100),
     ("三万", 30000), ("十二万", 120000), ("一万零三百", 10300), ("三千五百万", 35_000_000)],
)
def test_counting_numerals(text: str, value: int) -> None:
    assert cn_number(text) == value


@pytest.mark.parametrize("text", ["", "二〇二五", "一二", "百", "千", "万", "数百", "一十百", "二十a", "12"])
def test_what_is_not_a_count_is_none(text: str) -> None:
    """Years (二〇二五), estimates (数百, a bare 百) and jumbles are not read as counts."""
    assert cn_number(text) is None


def _spell(n: int) -> str:
    """A reference spelling of 0 < n < 10,000 (the usual written form, 零 for a skipped place)."""
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            out += ("零" if zero and out else "") + digits[d] + name
            zero = False
        elif out:
            zero = True
    return out


@given(st.integers(min_value=1, max_value=9999))
def test_round_trip_of_every_number_below_ten_thousand(n: int) -> None:
    assert cn_number(_spell(n)) == n


def test_the_narrative_number_reader_takes_both_scripts() -> None:
    assert number("1,234") == 1234
    assert number("一百二十三") == 123
    assert number("数百") is None
