"""What the public pages compute from published policies: which targets are public and which may be
compared (the target explorer is ``explorer.py``, the 1+N matrix ``matrix.py``).

Everything starts from ``Policy.objects.public()``: a draft is never compared, counted or shown.
Which targets are like with like, which national target is the benchmark and the verdict are
``tracker.benchmarks``' (one rule for pages, API and report); a national benchmark is a published
national policy's target, never a number typed into the catalogue.
"""

from __future__ import annotations

from django.db.models import F, Q
from django.db.models.functions import Coalesce

from .models import Policy, Target

NATIONAL_ADCODE = "100000"


def dated(queryset):
    """Order policies newest first by the date they are known by (publication, else signing)."""
    return queryset.annotate(known_date=Coalesce("published_date", "signed_date")).order_by(
        F("known_date").desc(nulls_last=True), "-id"
    )


# what no page's list of targets reads of a target's policy and indicator (the explorer, a region's
# table, the map): left unread by those lists (a region's or a selection's hundreds of targets
# decoded JSON, summaries and timestamps for nothing). Rejected: deferring them in
# ``public_targets`` itself, where the API's and the reports' readers would ask for each one
# target by target.
UNSHOWN = ("policy__field_sources", "policy__summary_zh", "policy__summary_en", "policy__source_url",
           "policy__import_key", "policy__created_at", "policy__updated_at", "policy__duplicate_reason",
           "indicator__aliases")


def with_shared(queryset) -> list[Target]:
    """The targets of ``queryset`` (``public_targets()`` narrowed, ordered as the caller wants)
    with each one's policy, the policy's place and category and the target's indicator, without
    what no list shows (``UNSHOWN``): the policies joined in the one query, and the indicators,
    places and categories read once each and shared by every target of theirs.

    Invariant: each target reads the same related records it would through
    ``select_related`` (the same rows, whole but for ``UNSHOWN``). Rejected: joining them all into
    every row (a selection of 1,500 targets of two indicators built 1,500 indicators, places and
    categories, a third of the cost of a cold target explorer), and ``prefetch_related`` of the
    policies (on SQLite a thousand ids made an ``IN`` list deeper than the parser allows)."""
    from .models import Category, Indicator, Jurisdiction

    unread = [name for name in UNSHOWN if name.startswith("policy__")]
    targets = list(queryset.select_related(None).select_related("policy").defer(*unread))
    places = Jurisdiction.objects.in_bulk({t.policy.jurisdiction_id for t in targets} - {None})
    indicators = Indicator.objects.defer("aliases").in_bulk({t.indicator_id for t in targets})
    categories = Category.objects.in_bulk({t.policy.category_id for t in targets} - {None}) if targets else {}
    place, category, indicator = Policy.jurisdiction.field, Policy.category.field, Target.indicator.field
    for t in targets:
        indicator.set_cached_value(t, indicators[t.indicator_id])
        policy = t.policy
        place.set_cached_value(policy, places.get(policy.jurisdiction_id))
        category.set_cached_value(policy, categories.get(policy.category_id))
    return targets


def public_targets():
    """Targets of published policies, of each policy's current (published) version only.

    The gate is read as "a policy's target whose policy is not among the policies not public"
    (``search.query.not_public``: the partial index of the few policies that are not published),
    the same set as ``policy__in=Policy.objects.public()``. Rejected: that ``IN`` list, which SQLite
    built from every published policy for each query (the national benchmarks' 60 targets cost
    7 ms of it, 4 ms this way)."""
    from ccnt.search.query import not_public

    return (
        Target.objects.filter(policy__isnull=False).exclude(policy_id__in=not_public())
        .filter(Q(version__isnull=True) | Q(version_id=F("policy__published_version_id"))
                | Q(policy__published_version__isnull=True))
        .select_related("indicator", "policy", "policy__jurisdiction")
    )


def comparable_targets():
    """The public targets a verdict or benchmark may use: curator-verified ones (hand-made gold,
    or confirmed in the review form). A machine-extracted target is shown, marked as such, but
    never ranked against another place until a curator has confirmed what it measures —
    extraction still misnames some subjects (a sector's peak read as the economy's).

    Rejected alternative: ranking machine targets too and trusting the indicator code; it put
    a province's 工业领域 2025 peak against the national 2030 peak."""
    return public_targets().filter(verified=True)


def number(t: Target) -> float | None:
    """One number for a chart: the normalised value, the midpoint of a range."""
    low, high = t.value_normalized_low, t.value_normalized_high
    if low is None:
        low, high = t.value_low, t.value_high
    if low is None:
        return high
    if high is None:
        return low
    return (low + high) / 2


def is_national(t: Target) -> bool:
    j = t.policy.jurisdiction
    return t.policy.level == "national" or (j is not None and j.adcode == NATIONAL_ADCODE)


def prefer(targets: list[Target]) -> Target | None:
    """The one target to chart among several of one jurisdiction: a 1+N plan's first, then
    the plain (not stretch) value, then the newest policy."""
    if not targets:
        return None

    def rank(t: Target):
        date = t.policy.published_date or t.policy.signed_date
        return (
            0 if t.policy.category_id and t.policy.category.code == "one_plus_n" else 1,
            1 if t.firmness == "stretch" else 0,
            -(date.toordinal() if date else 0),
            t.pk,
        )

    return sorted(targets, key=rank)[0]
