"""`mask` normalises once: norm(text) is the norm(NFKC(text)) it computed before (NFKC is idempotent)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.kinds._previous import _CN_YEAR, _NUMBER, mask
from checker.textnorm import norm


def reference(text: str, numbers: bool = True) -> str:
    text = norm(unicodedata.normalize("NFKC", text))
    text = _CN_YEAR.sub("#年", text)
    if numbers:
        return _NUMBER.sub("#", text)
    return re.sub(r"(?:19|20)[0-9]{2}(?=年)", "#", text)


CHARS = st.sampled_from(list("二〇二一年2021２０２１，,（）()“”‘’「」\u3000 \n\t\u00a0\u200b\ufeffe\u0301\u0301ﬁ①㈠㍿ｶﾞ한") + ["Å", "Å"])


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.lists(CHARS, max_size=40).map("".join), st.text(max_size=80)), st.booleans())
def test_mask_is_the_reference(text: str, numbers: bool) -> None:
    assert mask(text, numbers) == reference(text, numbers)
