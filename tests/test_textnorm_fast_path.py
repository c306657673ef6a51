"""`textnorm.norm` maps full-width characters before NFKC, replaces quotes one by one and drops spaces
with str.split (speed); the result must be exactly NFKC + quotes + no spaces, whatever the text."""

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from checker.textnorm import _QUOTES, _SPACE, norm

_TRICKY = [chr(c) for c in range(0xFF00, 0xFF70)] + list("“”‘’「」『』\u3000 \n\u00a0\u200b\u0301\u0308\u3099ｶﾞ一（）．，AÅ\u212b\ufb01"
                                                                   "\x1c\x1f\x85\u1680\u2028\u2029\u202f\u205f\u180e\u200c")


def _reference(text: str) -> str:
    text = _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))
    return text.replace("．", ".").replace("，", ",")


@given(st.lists(st.sampled_from(_TRICKY) | st.characters(), max_size=80).map("".join))
def test_norm_equals_nfkc_reference(text: str) -> None:
    assert norm(text) == _reference(text)


def test_str_split_cuts_exactly_where_the_space_pattern_matches() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert [c for c in every if c.isspace()] == re.findall(r"\s", every)


def test_full_width_label_normalised() -> None:
    assert norm("（一）　主动公开“政府信息”，１２３") == '(一)主动公开"政府信息",123'


@given(st.text(min_size=1, max_size=400))
def test_similarity_of_a_text_with_itself_is_what_the_alignment_gives(text: str) -> None:
    from difflib import SequenceMatcher

    from checker.similarity import _SIMILARITY_BUDGET, similarity
    from similarity_reference import cost as _cost, shingle_similarity as _shingle_similarity

    aligned = (_shingle_similarity(text, text) if _cost(text, text) > _SIMILARITY_BUDGET
               else SequenceMatcher(None, text, text, autojunk=False).ratio())
    assert similarity(text, text) == aligned == 1.0
