"""Drafts and publication: a built tree stored as editable sections and entries, then frozen.

* ``generate_draft`` builds the month from the data and stores it as a draft (text a curator had
  already edited in an earlier draft of the same month is kept);
* curators reorder entries, move them between sections and edit any text (the admin);
* ``rewrite_leads`` writes the leads again from the entries now in each section;
* ``publish`` freezes the tree into ``Report.content``: from then on the public page and every
  download read that snapshot, so later edits to policies never change a published report.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .build import (
    PARTS,
    ReportError,
    about_text,
    arrange,
    collect,
    empty_message,
    keyword_of,
    month_key,
    national_benchmarks,
    next_month,
    parse_month,
)
from .models import Report, ReportEntry, ReportSection
from .prose import PolicyFacts, lead_paragraph
from .tree import Entry, MonthlyReport, Part, Section


@transaction.atomic
def generate_draft(month, about: str | None = None) -> Report:
    month = parse_month(month)
    report, _ = Report.objects.select_for_update().get_or_create(month=month)
    if report.status == Report.Status.PUBLISHED:
        raise ReportError(f"{month_key(month)} 的月报已发布，不能重新生成 (already published: it is frozen)")
    items, own_ids = collect(month)
    if not items:
        raise ReportError(empty_message(month))
    edited_entries = {
        e.policy_id: e for e in report.entries.all()
        if e.policy_id and (e.headline != e.headline_generated or e.summary != e.summary_generated)
    }
    edited_leads = {(s.part, s.category_id): s.lead for s in report.sections.all() if s.lead != s.lead_generated}
    report.sections.all().delete()  # entries go with their sections
    if about is not None:
        report.about = about
    benchmarks = national_benchmarks(next_month(month))
    for order, (part, category, members) in enumerate(arrange(items)):
        lead = lead_paragraph(part, keyword_of(category), [m.facts for m in members], benchmarks)
        section = ReportSection.objects.create(
            report=report, part=part, category=category, keyword=keyword_of(category),
            lead=edited_leads.get((part, category.pk if category else None), lead.text),
            lead_generated=lead.text, order=order,
        )
        for position, item in enumerate(members):
            old = edited_entries.get(item.policy.pk)
            e = item.entry
            ReportEntry.objects.create(
                report=report, section=section, policy=item.policy, order=position,
                headline=old.headline if old else e.headline, summary=old.summary if old else e.summary,
                headline_generated=e.headline, summary_generated=e.summary, supplement=e.supplement,
                date=item.policy.date, date_basis=e.date_basis, facts=item.facts.to_dict(),
            )
    report.content = {"month_policy_ids": own_ids, "generated_at": timezone.now().isoformat()}
    report.save()
    return report


def tree_from_draft(report: Report) -> MonthlyReport:
    """The draft as curators left it: sections in their order, entries in theirs."""
    tree = MonthlyReport(month=month_key(report.month), about=about_text(report), status=report.status)
    parts = {key: Part(key, title) for key, title in PARTS}
    sections = report.sections.select_related("category").prefetch_related("entries__policy__jurisdiction")
    for section in sections.order_by("order", "id"):
        entries = []
        for row in section.entries.order_by("order", "id"):
            policy = row.policy
            facts = row.facts or {}
            entries.append(Entry(
                policy_id=row.policy_id, headline=row.headline, summary=row.summary,
                title=facts.get("title", ""), issuers=facts.get("issuers", []),
                jurisdiction=facts.get("jurisdiction", ""), adcode=facts.get("adcode", ""),
                level=facts.get("level", ""), date=row.date.isoformat() if row.date else None,
                date_basis=row.date_basis, supplement=row.supplement,
                url=f"/policies/{policy.pk}/" if policy else "",
            ))
        if not entries:
            continue  # a section emptied by moving its entries away is not printed
        parts[section.part].sections.append(Section(
            part=section.part, category=section.category.code if section.category else "",
            keyword=section.keyword, lead=section.lead, entries=entries,
        ))
    tree.parts = [p for p in parts.values() if p.sections]
    return tree


def report_tree(report: Report) -> MonthlyReport:
    """What a report shows: the frozen snapshot once published, the editable draft before."""
    if report.status == Report.Status.PUBLISHED and report.content.get("parts") is not None:
        return MonthlyReport.from_dict(report.content)
    return tree_from_draft(report)


@transaction.atomic
def rewrite_leads(report: Report) -> int:
    """Write each section's lead again from the entries now in it (after moves)."""
    if report.status == Report.Status.PUBLISHED:
        raise ReportError("已发布的月报不能修改 (a published report is frozen)")
    benchmarks = national_benchmarks(next_month(report.month))
    count = 0
    for section in report.sections.all():
        facts = [PolicyFacts.from_dict(e.facts) for e in section.entries.order_by("order", "id") if e.facts]
        lead = lead_paragraph(section.part, section.keyword, facts, benchmarks)
        section.lead = section.lead_generated = lead.text
        section.save(update_fields=["lead", "lead_generated"])
        count += 1
    return count


def curator_edits(report: Report) -> dict:
    """What curators changed against the machine's draft (kept with the report)."""
    edits: dict = {"sections": {}, "entries": {}}
    for s in report.sections.all():
        if s.lead != s.lead_generated:
            edits["sections"][str(s.pk)] = {"keyword": s.keyword, "lead": [s.lead_generated, s.lead]}
    for e in report.entries.select_related("section"):
        changed = {}
        if e.headline != e.headline_generated:
            changed["headline"] = [e.headline_generated, e.headline]
        if e.summary != e.summary_generated:
            changed["summary"] = [e.summary_generated, e.summary]
        if changed:
            edits["entries"][str(e.policy_id or e.pk)] = changed
    return edits


def drop_unpublished(report: Report) -> list[str]:
    """Remove the draft's entries whose policy is no longer public (rejected, withdrawn or
    deleted since the draft was saved). Returns their headlines, for the curator."""
    from ccnt.tracker.models import Policy

    public = Policy.objects.public().values("pk")
    stale = report.entries.exclude(policy__in=public)
    dropped = [entry.headline for entry in stale]
    stale.delete()
    return dropped


@transaction.atomic
def publish(report: Report) -> Report:
    """Freeze the draft. Every entry is checked against ``Policy.objects.public()`` first:
    what is no longer public is left out and listed in ``report.dropped`` (the admin tells the
    curator), so a rejected policy is never frozen into a published report."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == Report.Status.PUBLISHED:
        raise ReportError("已发布 (already published)")
    dropped = drop_unpublished(report)
    if dropped:
        # the leads were written with the dropped entries (and perhaps a benchmark from a policy
        # no longer public): write them again from what is left and from public benchmarks
        report.sections.filter(entries__isnull=True).delete()
        rewrite_leads(report)
    tree = tree_from_draft(report)
    if tree.is_empty:
        raise ReportError(empty_message(report.month))
    now = timezone.now()
    included = {e.policy_id for e in tree.entries()}
    own = set((report.content or {}).get("month_policy_ids", []))
    tree.status = Report.Status.PUBLISHED
    tree.published_at = now.isoformat()
    # the month's policies a curator left out are not 补录 material later
    tree.excluded_policy_ids = sorted(own - included)
    report.curator_edits = curator_edits(report)
    report.content = tree.to_dict()
    report.content["month_policy_ids"] = sorted(own)
    report.status = Report.Status.PUBLISHED
    report.published_at = now
    report.save()
    report.dropped = dropped
    return report


ERRATUM_NOTE = "以下条目所涉政策已不再公开（驳回或撤回），已从本期移除。 Entries whose policy is no longer public were removed."


@transaction.atomic
def correct(report: Report, note: str = "") -> list[str]:
    """Correct a published (frozen) report: drop the entries whose policy is no longer public
    and record a visible erratum (date, note, what was removed) on the report itself. Returns
    the removed headlines; nothing is recorded when nothing changed and no note was given."""
    from ccnt.tracker.models import Policy

    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.PUBLISHED:
        raise ReportError("只有已发布的月报需要勘误 (only a published report takes an erratum)")
    tree = MonthlyReport.from_dict(report.content)
    public = set(Policy.objects.public().filter(pk__in=[e.policy_id for e in tree.entries()])
                 .values_list("pk", flat=True))
    removed = []
    for part in tree.parts:
        for section in part.sections:
            removed += [e.headline for e in section.entries if e.policy_id not in public]
            section.entries = [e for e in section.entries if e.policy_id in public]
        part.sections = [s for s in part.sections if s.entries]
    if not removed and not note:
        return []
    tree.errata.append({"at": timezone.now().date().isoformat(), "note": note or ERRATUM_NOTE, "removed": removed})
    content = tree.to_dict()
    content["month_policy_ids"] = (report.content or {}).get("month_policy_ids", [])
    report.content = content
    report.save(update_fields=["content", "updated_at"])
    return removed
