"""`textnorm._norm` replaces the full-width punctuation of prose with str.replace and skips NFKC for a
text its quick check calls normal; the result must still be exactly NFKC + quotes + no spaces, for
long paragraphs (norm's memo is only for short labels) as for labels."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.textnorm import _QUOTES, _SPACE, _norm

_PROSE = list("，（）；：！？。、“”‘’「」『』 \u3000\u00a0\u200b\ufeff\n\u0301\u3099ｶﾞ０１２ＡＢ．－／％年度政府信息公开申请")
_PROSE += [chr(c) for c in range(0xFF00, 0xFF70, 3)] + ["\uac00", "\u1100", "\u1161", "\u212b", "\ufb01"]


def _reference(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PROSE) | st.characters(), max_size=300).map("".join))
def test_norm_of_prose_equals_nfkc_reference(text: str) -> None:
    assert _norm(text) == _reference(text)


def test_norm_of_corpus_paragraphs_equals_reference() -> None:
    import pytest

    from checker.api import read_report
    from tests.conftest import CORPUS

    files = sorted(CORPUS.glob("*.txt"))[:20]
    if not files:
        pytest.skip(f"shared corpus not available: {CORPUS}")
    texts = [b.text for f in files for b in read_report(f).blocks if b.type != "table"]
    for text in texts:
        assert _norm(text) == _reference(text)
