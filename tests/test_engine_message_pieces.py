"""A message rendered from its template's parsed pieces is what the Formatter path gives (engine._message)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine import _PIECES, _message, _Placeholders, _worded
from test_engine_fast_paths import FIELDS, VALUES, reference

MORE = ["{year}", "{表}", "{count:>4}", "{text:.1}", "{bi}", "{count:x}"]


class Shout(str):
    def __format__(self, spec: str) -> str:
        return self.upper() + spec


VALUES_MORE = dict(VALUES, year=2025, 表="表二", bi=Shout("ab"))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FIELDS + MORE), st.text(alphabet="年度报告ab :.{}!0", max_size=4)),
                max_size=6))
def test_pieces_render_as_the_formatter_does(parts: list[str]) -> None:
    template = "".join(parts)
    values = _Placeholders(VALUES_MORE)
    assert _message(template, values) == _worded(template, values) == reference(template, VALUES_MORE)
    assert _message(template, values) == _worded(template, values)  # a second time: from the memo


def test_a_malformed_or_positional_template_is_not_parsed_into_pieces() -> None:
    for template in ("{", "a}", "{0}", "{}", "{x.y}", "{x[0]}", "{x!r}", "{x:{y}}"):
        _message(template, _Placeholders(VALUES))
        assert _PIECES[template] is None
    _message("{table}：{count}项", _Placeholders(VALUES))
    assert _PIECES["{table}：{count}项"] == (("", "table", ""), ("：", "count", ""), ("项", None, ""))
