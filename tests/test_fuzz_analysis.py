"""Property-based tests of the analysis (Hypothesis): whatever the text — real corpus sentences
cut and recombined with random unicode, digits, full-width digits, 年, %, 万千瓦, huge numbers —
nothing crashes, every target's offsets lie inside the text and ``text[start:end] == target.text``,
and values stay inside sane bounds. Bounded examples and a deadline keep it under half a minute.

Findings of these tests and of ``scripts/fuzz_parsers.py`` are kept as regression cases in
``tests/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import json
import math
import os
import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccnt.analysis import Gazetteer, analyse
from ccnt.analysis.targets import extract_targets
from ccnt.paths import corpus_dir

# CCNT_FUZZ_EXAMPLES=5000 CCNT_FUZZ_SEED=… for a longer, differently seeded hunt
EXAMPLES = int(os.environ.get("CCNT_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=3000, derandomize="CCNT_FUZZ_SEED" not in os.environ, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PIECES = [
    "到", "年", "到2025年", "到2030年", "2060年前", "十四五", "“十四五”期间", "比2020年", "下降", "提高", "达到",
    "力争", "确保", "以上", "以下", "左右", "不低于", "不超过", "%", "％", "个百分点", "万千瓦", "亿千瓦时", "万吨标准煤",
    "吨二氧化碳", "万辆", "亿元", "平方米", "１２３", "２０３０年", "0.5", "．", ".", "-", "—", "～", "~", "至", "、", "，",
    "。", "；", "\n", "\r\n", "\ufeff", "\u200b", "\u3000", "𠀀", "非化石能源消费比重", "单位地区生产总值能耗", "森林覆盖率",
    "碳排放", "达峰", "碳中和", "新型储能装机", "光伏", "以内", "万", "亿", "千", "百", "十", "两", "半", "一二三",
    "9" * 40, "1" * 400, "1e308", "0" * 30 + "1", "99999999999999999999年", "0000年", "9999年", "-5%", "+∞",
]

TOPICS = ["非化石能源消费比重", "单位地区生产总值能耗", "单位地区生产总值二氧化碳排放", "森林覆盖率", "光伏装机", "新型储能装机容量",
          "新能源汽车保有量", "城镇新建建筑中绿色建筑面积占比", "", "某某"]
VERBS = ["达到", "比2020年下降", "比2005年降低", "提高", "累计下降", "年均增长", "不低于", "控制在", "力争达到", ""]
UNITS = ["%", "％", "个百分点", "万千瓦", "亿千瓦", "千瓦", "万吨标准煤", "亿吨", "吨/万元", "万辆", "平方米", "亿元", "", "倍"]


@lru_cache(maxsize=1)
def corpus_sentences() -> list[str]:
    folder = corpus_dir()
    sentences: list[str] = []
    for path in sorted(folder.glob("*.txt"))[:8]:
        text = path.read_text(encoding="utf-8")
        sentences += [s + "。" for s in re.split(r"[。\n]", text) if 4 <= len(s) <= 300]
    return sentences[::3]  # a spread of every document, small enough to sample quickly


# without the shared corpus (CCNT_CORPUS_DIR unset and no ../shared) the tests that sample it skip
needs_corpus = pytest.mark.skipif(not corpus_sentences(), reason=f"no corpus texts at {corpus_dir()}")
# drawn lazily: an empty sampled_from would fail at import, before the skip can apply
corpus_sentence = st.deferred(lambda: st.sampled_from(corpus_sentences()))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer.from_data_files()


@st.composite
def policy_text(draw) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 6))
        if kind == 0:
            parts.append(draw(corpus_sentence))
        elif kind == 1:  # a corpus sentence cut at random places
            sentence = draw(corpus_sentence)
            a = draw(st.integers(0, len(sentence)))
            b = draw(st.integers(a, len(sentence)))
            parts.append(sentence[a:b])
        elif kind == 2:
            parts.append(draw(st.sampled_from(PIECES)))
        elif kind == 3:
            parts.append(draw(st.text(max_size=30)))
        elif kind == 4:
            parts.append(str(draw(st.one_of(st.integers(-10**30, 10**30), st.floats(allow_nan=False)))))
        elif kind == 6:  # a target sentence with a fuzzed year, number and unit
            number = draw(st.one_of(
                st.from_regex(r"[0-9０-９]{1,320}([.．][0-9]{0,8})?", fullmatch=True),
                st.from_regex(r"[零一二三四五六七八九十百千万亿两半]{1,40}", fullmatch=True),
                st.floats(allow_nan=True, allow_infinity=True).map(str),
            ))
            separator = draw(st.sampled_from(["", "-", "～", "至", "—", "~"]))
            second = separator + number[::-1] if separator else ""
            parts.append(f"到{draw(st.integers(-5, 10**6))}年，{draw(st.sampled_from(TOPICS))}"
                         f"{draw(st.sampled_from(VERBS))}{number}{second}{draw(st.sampled_from(UNITS))}"
                         f"{draw(st.sampled_from(['', '左右', '以上', '以内']))}。")
        else:
            parts.append(draw(st.text(alphabet="0123456789０１２３４５６７８９年月日%％.．万千亿瓦吨比下降达到前后", max_size=25)))
    return "".join(parts)


def check_targets(text: str, targets) -> None:
    for t in targets:
        assert 0 <= t.start <= t.end <= len(text), (t.start, t.end, len(text))
        assert text[t.start:t.end] == t.text
        if t.target_year is not None:
            assert 1900 <= t.target_year <= 2200, t.target_year
        if t.base_year is not None:
            assert 1900 <= t.base_year <= 2200, t.base_year
        for value in (t.value_low, t.value_high):
            assert value is None or (isinstance(value, float | int) and math.isfinite(value)), value
        if t.value_low is not None and t.value_high is not None:
            assert t.value_low <= t.value_high, (t.value_low, t.value_high)
        normalised = t.value_normalized if isinstance(t.value_normalized, list) else [t.value_normalized]
        assert all(v is None or math.isfinite(v) for v in normalised), t.value_normalized
        assert t.comparator in (None, "=", ">=", "<=", ">", "<", "~")


@needs_corpus
@FUZZ
@given(policy_text())
def test_extract_targets_never_crashes_and_keeps_its_offsets(text):
    check_targets(text, extract_targets(text))


@FUZZ
@given(st.text(max_size=400))
def test_extract_targets_on_arbitrary_unicode(text):
    check_targets(text, extract_targets(text))


@needs_corpus
@FUZZ
@given(policy_text(), st.one_of(st.none(), corpus_sentence, st.text(max_size=40)),
       st.one_of(st.none(), st.sampled_from(["国务院", "江苏省人民政府", "国家发展改革委 国家能源局", ""]), st.text(max_size=20)))
def test_analyse_never_crashes_and_every_step_finishes(text, title, issuer):
    pa = analyse(text, title=title, issuer=issuer, gazetteer=gazetteer())
    step_errors = [w for w in pa.warnings if re.match(r"^\w+: [A-Za-z_.]*(Error|Exception)\b", w)]
    assert not step_errors, step_errors
    check_targets(pa.text, pa.targets)
    json.dumps(pa.to_json(), allow_nan=False, ensure_ascii=False)
    for d in pa.dates:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date), d.date
        if d.start is not None:
            assert 0 <= d.start <= (d.end or 0) <= len(pa.text)
