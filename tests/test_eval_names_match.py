"""Strict scoring: an ``other`` target is named right when it names the gold's subject."""

from ccnt.analysis.scoring import names_match


def gold(subject: str, indicator: str = "other") -> dict:
    return {"indicator": indicator, "subject": subject}


def pred(subject: str, indicator: str = "other") -> dict:
    return {"indicator": indicator, "subject": subject, "indicator_name": subject}


def test_it_folds_full_width_forms():
    assert names_match(gold("地表水Ⅰ－Ⅲ类水体比例"), pred("地表水Ⅰ-Ⅲ类水体比例"))
    assert names_match(gold("ＰＭ２．５浓度"), pred("PM2.5浓度"))


def test_it_still_tells_different_subjects_apart():
    assert not names_match(gold("地表水Ⅰ－Ⅲ类水体比例"), pred("劣Ⅴ类水体比例下降的县"))
    assert not names_match(gold("森林覆盖率", "forest_coverage"), pred("森林覆盖率"))
