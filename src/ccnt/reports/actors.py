"""The monthly report's own part for non-state actors: 企业与机构行动一览.

The published commitments dated in the month (``Commitment.objects.public()``), one section per
kind of actor (中央企业, 上市公司 …), one entry per commitment: ``<actor>：<title>`` and its
statement. The lead paragraph is written from the data: how many actors, their peak and
neutrality years — every number comes from a stored target.
"""

from __future__ import annotations

from datetime import date

from ccnt.actors.models import ActorKind, Commitment

from .tree import Entry, Part, Section

PART_KEY, PART_TITLE = "actors", "企业与机构行动一览"
YEAR_WORDS = {"co2_peak": "碳达峰", "carbon_neutrality": "碳中和"}


def month_commitments(month: date, until: date):
    return (Commitment.objects.public().filter(date__gte=month, date__lt=until)
            .select_related("actor").prefetch_related("targets__indicator").order_by("date", "id"))


def lead_of(commitments: list[Commitment]) -> tuple[str, list[dict]]:
    actors = list(dict.fromkeys(c.actor.display_name for c in commitments))
    facts: list[dict] = []
    for c in commitments:
        for t in c.targets.all():
            if t.indicator.code in YEAR_WORDS and t.target_year:
                facts.append({"kind": t.indicator.code, "actor": c.actor.display_name, "year": t.target_year,
                              "before": t.year_comparator == "<=", "commitment_id": c.pk})
    text = f"本月共有{len(actors)}家企业和机构（{'、'.join(actors)}）发布了碳达峰、碳中和相关承诺。"
    clauses = []
    for code, word in YEAR_WORDS.items():
        rows = [f for f in facts if f["kind"] == code]
        if rows:
            earliest = min(rows, key=lambda f: f["year"])
            listed = "、".join(f"{f['actor']}{f['year']}年{'前' if f['before'] else ''}" for f in rows)
            clauses.append(f"{word}年份：{listed}，最早为{earliest['year']}年（{earliest['actor']}）")
    if clauses:
        text += "；".join(clauses) + "。"
    return text, facts


def actor_part(month: date, until: date):
    """The part (or None when no public commitment is dated in the month)."""
    commitments = list(month_commitments(month, until))
    if not commitments:
        return None
    part = Part(PART_KEY, PART_TITLE)
    for kind, label in ActorKind.choices:
        members = [c for c in commitments if c.actor.kind == kind]
        if not members:
            continue
        lead, facts = lead_of(members)
        entries = [Entry(
            policy_id=None, headline=f"{c.actor.display_name}：{c.title}", summary=" ".join(c.statement.split()),
            title=c.title, issuers=[c.actor.name], jurisdiction=c.actor.headquarters.name if c.actor.headquarters_id else "",
            adcode=c.actor.headquarters.adcode if c.actor.headquarters_id else "", level="",
            date=c.date.isoformat() if c.date else None, date_basis="published",
            url=f"/actors/{c.actor_id}/#commitment-{c.pk}",
        ) for c in members]
        keyword = str(label).split(" ")[0]
        part.sections.append(Section(part=PART_KEY, category=f"actor:{kind}", keyword=keyword, lead=lead,
                                     entries=entries, facts=facts))
    return part
