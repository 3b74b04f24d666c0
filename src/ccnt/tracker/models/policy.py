"""Policies, their versions, targets, issuers and relations.

A Policy is the stable public record. Each change of its main text makes a PolicyVersion;
the public sees ``published_version``. ``Policy.objects.public()`` is the one gate every
public page, count, export, feed and report goes through.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .geo import Level
from .review import FieldSource, Reviewed, ReviewState


class Status(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效 In force")
    EXPIRED = "expired", _("已失效 Expired")
    SUPERSEDED = "superseded", _("已被替代 Superseded")
    UNKNOWN = "unknown", _("未知 Unknown")


class LegalForce(models.TextChoices):
    LAW = "law", _("法律 Law")
    ADMIN_REGULATION = "administrative_regulation", _("行政法规 Administrative regulation")
    DEPARTMENTAL_RULE = "departmental_rule", _("部门规章 Departmental rule")
    LOCAL_REGULATION = "local_regulation", _("地方性法规 Local regulation")
    LOCAL_RULE = "local_government_rule", _("地方政府规章 Local government rule")
    NORMATIVE = "normative_document", _("规范性文件 Normative document")
    PARTY = "party_regulation", _("党内法规 Party regulation")
    STANDARD = "standard", _("标准 Standard")
    UNKNOWN = "", _("未定 Not set")


class PolicyQuerySet(models.QuerySet):
    def public(self) -> PolicyQuerySet:
        """What readers may see: published policies, nothing else, anywhere."""
        return self.filter(review_state=ReviewState.PUBLISHED)

    def in_jurisdiction(self, jurisdiction) -> PolicyQuerySet:
        """Policies of a jurisdiction and of every unit below it (by adcode prefix)."""
        prefix = jurisdiction.descendant_codes_prefix()
        if not prefix:
            return self
        return self.filter(jurisdictions__adcode__startswith=prefix).distinct()


class Policy(Reviewed):
    title = models.CharField(_("标题 Title"), max_length=400)
    title_en = models.CharField(_("英文标题 English title"), max_length=400, blank=True)
    doc_number = models.CharField(_("发文字号 Document number"), max_length=120, blank=True)
    issuers = models.ManyToManyField(
        "tracker.Authority", through="PolicyIssuer", blank=True, related_name="policies",
        verbose_name=_("发布机关 Issuers"),
    )
    jurisdiction = models.ForeignKey(
        "tracker.Jurisdiction", null=True, blank=True, on_delete=models.PROTECT, related_name="primary_policies",
        verbose_name=_("主要地区 Primary jurisdiction"),
    )
    jurisdictions = models.ManyToManyField(
        "tracker.Jurisdiction", blank=True, related_name="policies", verbose_name=_("地区 Jurisdictions")
    )
    level = models.CharField(_("层级 Level"), max_length=16, choices=Level.choices, blank=True)
    policy_type = models.CharField(_("类型 Policy type"), max_length=32, blank=True)
    legal_force = models.CharField(
        _("效力级别 Legal force"), max_length=32, choices=LegalForce.choices, blank=True, default=""
    )
    category = models.ForeignKey(
        "tracker.Category", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("月报关键词 Category")
    )
    sectors = models.ManyToManyField("tracker.Sector", blank=True, verbose_name=_("领域 Sectors"))
    topics = models.ManyToManyField("tracker.Topic", blank=True, verbose_name=_("主题 Topics"))

    signed_date = models.DateField(_("成文日期 Signed"), null=True, blank=True)
    published_date = models.DateField(_("发布日期 Published"), null=True, blank=True)
    effective_date = models.DateField(_("施行日期 Effective"), null=True, blank=True)
    expiry_date = models.DateField(_("有效期至 Valid until"), null=True, blank=True)
    status = models.CharField(_("状态 Status"), max_length=16, choices=Status.choices, default=Status.UNKNOWN)

    summary_zh = models.TextField(_("摘要 Summary (zh)"), blank=True)
    summary_en = models.TextField(_("英文摘要 Summary (en)"), blank=True)
    source_url = models.URLField(_("来源网址 Source URL"), max_length=1000, blank=True)

    published_version = models.ForeignKey(
        "PolicyVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("公开版本 Published version"),
    )
    # ingest's duplicate check: a curator merges or clears; the machine never merges silently
    possible_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="possible_duplicates",
        verbose_name=_("疑似重复 Possible duplicate of"),
    )
    duplicate_reason = models.CharField(_("疑似重复原因 Why"), max_length=200, blank=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_date", "-signed_date", "-id"]
        verbose_name = _("政策 Policy")
        verbose_name_plural = _("政策 Policies")
        permissions = [("publish_policy", "Can publish or reject a policy")]

    def __str__(self) -> str:
        return self.title

    @property
    def date(self):
        """The date the policy is known by: publication, else signing."""
        return self.published_date or self.signed_date

    def ordered_issuers(self) -> list:
        return [link.authority for link in self.issuer_links.select_related("authority").order_by("order")]

    def current_version(self) -> PolicyVersion | None:
        return self.published_version or self.versions.order_by("-number").first()

    def current_targets(self) -> models.QuerySet:
        version = self.current_version()
        return self.targets.filter(version=version).select_related("indicator").order_by("order", "id")



class PolicyForReview(Policy):
    """The review queue: the same policies, listed for curators by what needs doing."""

    class Meta:
        proxy = True
        verbose_name = _("待审核 Review queue")
        verbose_name_plural = _("待审核 Review queue")


class PolicyIssuer(models.Model):
    """Ordered issuers: joint issuance is common and the lead issuer comes first."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="issuer_links")
    authority = models.ForeignKey("tracker.Authority", on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        unique_together = [("policy", "authority")]

    def __str__(self) -> str:
        return str(self.authority)


class PolicyVersion(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    document = models.ForeignKey("tracker.Document", null=True, blank=True, on_delete=models.SET_NULL)
    text = models.TextField(blank=True)
    # sha256 of the normalised main text: pages change counters and timestamps on every fetch
    text_hash = models.CharField(max_length=64, blank=True, db_index=True)
    extracted = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["policy", "number"]
        unique_together = [("policy", "number")]

    def __str__(self) -> str:
        return f"{self.policy} v{self.number}"


class RelationKind(models.TextChoices):
    IMPLEMENTS = "implements", _("落实 Implements")
    REPLACES = "replaces", _("替代 Replaces")
    AMENDS = "amends", _("修订 Amends")
    FORWARDS = "forwards", _("转发 Forwards")
    CITES = "cites", _("引用 Cites")


class PolicyRelation(models.Model):
    source = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Policy, null=True, blank=True, on_delete=models.CASCADE, related_name="relations_in")
    target_title = models.CharField(max_length=400, blank=True, help_text=_("被引用的标题 Cited title"))
    kind = models.CharField(max_length=16, choices=RelationKind.choices)
    confirmed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.source} → {self.kind} → {self.target or self.target_title}"


class Comparator(models.TextChoices):
    EQ = "=", "="
    GE = ">=", "≥"
    LE = "<=", "≤"
    GT = ">", ">"
    LT = "<", "<"
    APPROX = "~", "≈"


class MetricKind(models.TextChoices):
    LEVEL = "level", _("水平 Level")
    CHANGE = "change", _("较基准年变化 Change against a base year")
    CUMULATIVE = "cumulative", _("期间累计 Cumulative over a period")
    ANNUAL_RATE = "annual_rate", _("年均 Annual rate")


class Firmness(models.TextChoices):
    PLAIN = "plain", _("一般 Plain")
    ENSURE = "ensure", _("确保 Ensure")
    STRETCH = "stretch", _("力争 Stretch")


class Target(models.Model):
    """A quantitative aim, with the sentence it was read from.

    Owned by a policy version, or by a non-state actor's commitment (``policy`` is then empty):
    ``text == version.text[start:end]`` (``commitment.source_text()[start:end]``) whenever the
    offsets are set. Exactly one owner: a check constraint.
    """

    policy = models.ForeignKey(Policy, null=True, blank=True, on_delete=models.CASCADE, related_name="targets")
    commitment = models.ForeignKey(
        "actors.Commitment", null=True, blank=True, on_delete=models.CASCADE, related_name="targets",
        verbose_name=_("承诺 Commitment"),
    )
    version = models.ForeignKey(PolicyVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveIntegerField(default=0)
    indicator = models.ForeignKey("tracker.Indicator", on_delete=models.PROTECT, verbose_name=_("指标 Indicator"))
    target_year = models.PositiveSmallIntegerField(_("目标年 Year"), null=True, blank=True)
    year_comparator = models.CharField(max_length=2, choices=Comparator.choices, default=Comparator.EQ)
    value_low = models.FloatField(_("值(下限) Value low"), null=True, blank=True)
    value_high = models.FloatField(_("值(上限) Value high"), null=True, blank=True)
    unit = models.CharField(_("单位 Unit"), max_length=32, blank=True)
    value_normalized_low = models.FloatField(null=True, blank=True)
    value_normalized_high = models.FloatField(null=True, blank=True)
    unit_normalized = models.CharField(max_length=16, blank=True)
    comparator = models.CharField(_("比较 Comparator"), max_length=2, choices=Comparator.choices, blank=True)
    metric_kind = models.CharField(max_length=16, choices=MetricKind.choices, default=MetricKind.LEVEL)
    base_year = models.PositiveSmallIntegerField(_("基准年 Base year"), null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    direction = models.CharField(max_length=16, default="level")
    subject = models.CharField(_("主体 Subject"), max_length=200, blank=True,
                               help_text="as written: 新建城市排水管道, 水泥行业碳排放")
    confidence = models.FloatField(_("置信度 Confidence"), null=True, blank=True)
    firmness = models.CharField(max_length=16, choices=Firmness.choices, default=Firmness.PLAIN)
    binding = models.CharField(max_length=16, blank=True, help_text="binding (约束性) / indicative (预期性)")
    text = models.TextField(_("原文 Source text"), blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=16, default=FieldSource.EXTRACTED)
    verified = models.BooleanField(_("已核实 Verified"), default=False)

    class Meta:
        ordering = ["policy", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(policy__isnull=False, commitment__isnull=True)
                       | models.Q(policy__isnull=True, commitment__isnull=False)),
                name="target_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_zh} {self.target_year or ''} {self.value_display()}"

    @property
    def stretch(self) -> bool:
        return self.firmness == Firmness.STRETCH

    @property
    def quantity(self) -> str:
        """The kind of quantity comparisons hold alike (share / intensity / absolute / count / year),
        derived from the indicator, subject and unit as they are now (``analysis.quantity``). Rejected:
        a stored column, which went stale when a curator changed the indicator or the unit."""
        from ccnt.analysis.quantity import quantity_of

        has_value = self.value_low is not None or self.value_high is not None
        return quantity_of(self.indicator.unit_family, self.subject or "", self.unit_normalized,
                           self.metric_kind, has_value)

    @property
    def name_zh(self) -> str:
        """The name a reader sees: the catalogue's, or the subject as written when no entry fits
        (never 其他指标 for a target whose text names what it counts)."""
        if self.subject and self.indicator.code == "other":
            return self.subject
        return self.indicator.name_zh

    @property
    def name_en(self) -> str:
        if self.subject and self.indicator.code == "other":
            return self.subject  # no invented translation: the phrase as written
        return self.indicator.name_en

    def value_display(self) -> str:
        """The value with its direction, comparator and base year: 下降14%（较2020年）, ≥ 8%, 2030年前
        (``tracker.target_text``, the one display rule)."""
        from ..target_text import target_value_text

        return target_value_text(self)
