"""What a spreadsheet reader sees in the downloads: column headers and coded values in words.

Invariant: the column codes (DESIGN.md's export contract) stay the machine's names — the CSV header,
the JSON keys, the API — while an Excel download shows each column's name in the reader's language
(Chinese, or English on the English pages) and lists the codes beside their names on a second sheet,
so nothing of the contract is lost. A column without a label here (one added later) keeps its code
as its header rather than failing. Rejected: renaming the CSV header (scripts read it by code).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

COLUMN_LABELS = {
    "policy_id": _("政策编号"),
    "title": _("标题"),
    "title_en": _("英文标题"),
    "doc_number": _("发文字号"),
    "issuers": _("发布机关"),
    "jurisdiction_adcode": _("地区代码"),
    "jurisdiction_name": _("地区"),
    "level": _("层级"),
    "policy_type": _("类型"),
    "legal_force": _("效力级别"),
    "category": _("月报类别"),
    "sectors": _("领域"),
    "topics": _("主题"),
    "signed_date": _("成文日期"),
    "published_date": _("发布日期"),
    "status": _("时效状态"),
    "review_state": _("审核状态"),
    "source_url": _("来源网址"),
    "target_count": _("量化目标数"),
    "indicators": _("目标指标"),
    "target_id": _("目标编号"),
    "indicator": _("指标代码"),
    "indicator_name": _("指标"),
    "target_year": _("目标年"),
    "value_low": _("目标值(下限)"),
    "value_high": _("目标值(上限)"),
    "unit": _("单位"),
    "value_normalized": _("换算值"),
    "unit_normalized": _("换算单位"),
    "comparator": _("比较方式"),
    "metric_kind": _("口径"),
    "base_year": _("基准年"),
    "firmness": _("约束程度"),
    "binding": _("约束性"),
    "target_text": _("原文"),
}

STATUS_LABELS = {
    "in_force": _("现行有效"),
    "expired": _("已失效"),
    "superseded": _("已被替代"),
    "unknown": _("时效未知"),
}

LEVEL_LABELS = {"national": _("国家"), "province": _("省级"), "city": _("市级"), "county": _("县级")}

REVIEW_LABELS = {
    "published": pgettext_lazy("review state", "已发布"), "needs_review": pgettext_lazy("review state", "待审核"),
    "draft": pgettext_lazy("review state", "草稿"), "rejected": pgettext_lazy("review state", "已驳回"),
}

VALUE_LABELS = {"status": STATUS_LABELS, "level": LEVEL_LABELS, "review_state": REVIEW_LABELS}


def header(column: str) -> str:
    label = COLUMN_LABELS.get(column)
    return str(label) if label is not None else column


def value_label(column: str, value):
    """A coded value in words (``in_force`` → 现行有效 / In force); other values unchanged."""
    labels = VALUE_LABELS.get(column)
    if labels is None or value not in labels:
        return value
    return str(labels[value])


def status_of(policy: dict, today: date) -> str:
    """The policy's validity: a status a curator set wins; otherwise the document's own
    有效期至 (expiry date) tells in force or expired; without either it stays ``unknown`` —
    never guessed from the age of the document."""
    stored = policy.get("status") or "unknown"
    if stored != "unknown":
        return stored
    expiry = policy.get("expiry_date")
    if not expiry:
        return "unknown"
    return "expired" if date.fromisoformat(expiry) < today else "in_force"
