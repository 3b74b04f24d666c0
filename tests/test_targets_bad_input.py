"""Bad input to the target extraction: refused clearly, or handled in time that grows linearly
with the text (CPU time compared within the run, never a wall-clock budget: tests/_timing.py)."""

import random

import pytest

from ccnt.analysis.targets import MAX_TEXT_CHARS, extract_targets

from ._timing import assert_linear


def test_it_returns_nothing_for_empty_or_non_chinese_text():
    assert extract_targets("") == []
    assert extract_targets("   \n\t") == []
    assert extract_targets("By 2025 the share shall reach 20% and 3000 MW.") == []


def test_it_refuses_bytes_and_other_types_clearly():
    with pytest.raises(TypeError):
        extract_targets(b"\xe5\x88\xb02025")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        extract_targets(42)  # type: ignore[arg-type]


def test_it_refuses_absurdly_long_text():
    with pytest.raises(ValueError):
        extract_targets("到" * (MAX_TEXT_CHARS + 1))


def test_it_survives_binary_garbage_in_linear_time():
    rnd = random.Random(7)
    garbage = bytes(rnd.getrandbits(8) for _ in range(200_000)).decode("latin-1")
    half, whole = assert_linear(lambda n: extract_targets(garbage[:n]), 100_000, "binary garbage")
    assert half == [] and whole == []


# a head, a unit repeated n times, a tail: runs that make a backtracking pattern explode
PATHOLOGICAL_RUNS = [
    ("到2025年，", "1", "万千瓦", 50_000),
    ("到2025年", "一二三四五六七八九十百千万亿", "千瓦", 5_000),
    ("到2025年，", "达到", "", 50_000),
    ("到2025年，", "森林覆盖率、", "达到20%", 20_000),
    ("到2025年", "，", "达到20%", 100_000),
]


@pytest.mark.parametrize("head, unit, tail, n", PATHOLOGICAL_RUNS, ids=[r[1][:6] for r in PATHOLOGICAL_RUNS])
def test_it_stays_linear_on_pathological_runs(head, unit, tail, n):
    assert_linear(lambda k: extract_targets(head + unit * k + tail), n // 2, f"{head}{unit[:6]}×n{tail}")


def test_it_handles_a_long_single_paragraph_in_linear_time():
    sentence = "到2025年，森林覆盖率达到25%，"
    half, whole = assert_linear(lambda k: extract_targets(sentence * k), 10_000, "one long paragraph")
    assert len(half) == 10_000 and len(whole) == 20_000
