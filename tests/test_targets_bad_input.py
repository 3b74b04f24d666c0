import random
import time

import pytest

from ccnt.analysis.targets import MAX_TEXT_CHARS, extract_targets


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


def test_it_survives_binary_garbage_quickly():
    rnd = random.Random(7)
    garbage = bytes(rnd.getrandbits(8) for _ in range(200_000)).decode("latin-1")
    t0 = time.perf_counter()
    assert extract_targets(garbage) == []
    assert time.perf_counter() - t0 < 5


def test_it_stays_linear_on_pathological_runs():
    runs = [
        "到2025年，" + "1" * 50_000 + "万千瓦",
        "到2025年" + "一二三四五六七八九十百千万亿" * 5_000 + "千瓦",
        "到2025年，" + "达到" * 50_000,
        "到2025年，" + "森林覆盖率、" * 20_000 + "达到20%",
        "到2025年" + "，" * 100_000 + "达到20%",
    ]
    for text in runs:
        t0 = time.perf_counter()
        extract_targets(text)
        assert time.perf_counter() - t0 < 5, text[:20]


def test_it_handles_a_long_single_paragraph():
    text = "到2025年，森林覆盖率达到25%，" * 20_000
    t0 = time.perf_counter()
    found = extract_targets(text)
    assert len(found) == 20_000
    assert time.perf_counter() - t0 < 10
