"""The monthly report as a plain tree — ``MonthlyReport`` → ``Part`` → ``Section`` → ``Entry`` —
that ``build`` makes, a published report freezes (``to_dict`` / ``from_dict``) and every renderer
reads.

Its own module, with no Django, so that the parts of a report built elsewhere (``actors``: the
non-state actors' part) and the renderers import the shape without importing ``build``. Rejected
alternative: the tree inside ``build``, which ``actors`` then imported back from inside a function
while ``build`` imported ``actors``: an import cycle.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Entry:
    policy_id: int | None
    headline: str
    summary: str
    title: str = ""
    issuers: list[str] = field(default_factory=list)
    jurisdiction: str = ""
    adcode: str = ""
    level: str = ""
    date: str | None = None
    date_basis: str = ""  # published / signed (no publication date: flagged)
    supplement: bool = False  # 补录
    url: str = ""


@dataclass
class Section:
    part: str
    category: str  # category code ("" for 其他)
    keyword: str
    lead: str
    entries: list[Entry] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"关键词：{self.keyword}"


@dataclass
class Part:
    key: str
    title: str
    sections: list[Section] = field(default_factory=list)


@dataclass
class MonthlyReport:
    month: str  # YYYY-MM
    about: str
    parts: list[Part] = field(default_factory=list)
    status: str = "draft"
    published_at: str | None = None
    excluded_policy_ids: list[int] = field(default_factory=list)
    # corrections of a published report, shown on it: {"at": date, "note": text, "removed": [headlines]}
    errata: list[dict] = field(default_factory=list)

    @property
    def year_number(self) -> int:
        return int(self.month[:4])

    @property
    def month_number(self) -> int:
        return int(self.month[5:7])

    @property
    def title(self) -> str:
        return f"零碳录月报 · {self.year_number}年{self.month_number}月"

    @property
    def month_label(self) -> str:
        return f"{self.year_number}年{self.month_number}月"

    def entries(self) -> list[Entry]:
        return [e for p in self.parts for s in p.sections for e in s.entries]

    @property
    def is_empty(self) -> bool:
        return not self.entries()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["title"] = self.title
        for part in data["parts"]:
            for section in part["sections"]:
                section["title"] = f"关键词：{section['keyword']}"
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MonthlyReport:
        parts = []
        for p in data.get("parts", []):
            sections = []
            for s in p.get("sections", []):
                entries = [Entry(**{k: v for k, v in e.items() if k in Entry.__dataclass_fields__})
                           for e in s.get("entries", [])]
                sections.append(Section(part=s["part"], category=s.get("category", ""), keyword=s["keyword"],
                                        lead=s.get("lead", ""), entries=entries, facts=s.get("facts", [])))
            parts.append(Part(key=p["key"], title=p["title"], sections=sections))
        return cls(month=data["month"], about=data.get("about", ""), parts=parts,
                   status=data.get("status", "draft"), published_at=data.get("published_at"),
                   excluded_policy_ids=data.get("excluded_policy_ids", []), errata=data.get("errata", []))
