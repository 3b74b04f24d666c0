"""Non-state actors — state-owned enterprises, companies, financial institutions, industry
associations — and their climate commitments.

An ``Actor`` is a registry entry (names and aliases feed the analysis gazetteer); a
``Commitment`` is what an actor stated in one public document (a press release, a
sustainability / ESG report), archived like a policy's original. Its quantitative aims are
ordinary ``Target`` rows whose owner is the commitment instead of a policy version.

The same review fields as policies (``tracker.models.review.Reviewed``); ``Actor.objects.public()`` and
``Commitment.objects.public()`` are the gates every public page, export, API and report uses.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ccnt.tracker.models.review import Reviewed, ReviewState


class ActorKind(models.TextChoices):
    CENTRAL_SOE = "central_soe", _("中央企业 Central SOE")
    LOCAL_SOE = "local_soe", _("地方国企 Local SOE")
    COMPANY = "company", _("民营或上市公司 Private or listed company")
    FINANCIAL = "financial", _("金融机构 Financial institution")
    ASSOCIATION = "association", _("行业协会 Industry association")
    OTHER = "other", _("其他 Other")


class CommitmentKind(models.TextChoices):
    PEAK = "peak", _("碳达峰 Peak")
    NEUTRALITY = "neutrality", _("碳中和 Neutrality")
    INTENSITY = "intensity", _("强度下降 Intensity cut")
    ABSOLUTE = "absolute", _("总量下降 Absolute cut")
    RENEWABLE = "renewable", _("可再生能源比重或装机 Renewable share or capacity")
    OTHER = "other", _("其他 Other")


class ActorQuerySet(models.QuerySet):
    def public(self) -> ActorQuerySet:
        """What readers may see: published actors only."""
        return self.filter(review_state=ReviewState.PUBLISHED)


class Actor(Reviewed):
    name = models.CharField(_("名称 Name"), max_length=200, unique=True)
    name_en = models.CharField(_("英文名称 English name"), max_length=200, blank=True)
    short_name = models.CharField(_("简称 Short name"), max_length=64, blank=True)
    aliases = models.JSONField(_("别名 Aliases"), default=list, blank=True,
                               help_text=_("其他名称（JSON 列表）Other names, a JSON list"))
    kind = models.CharField(_("类型 Kind"), max_length=16, choices=ActorKind.choices, default=ActorKind.OTHER,
                            db_index=True)
    credit_code = models.CharField(_("统一社会信用代码 Unified social credit code"), max_length=18, blank=True)
    stock_code = models.CharField(_("股票代码 Stock code"), max_length=64, blank=True)
    headquarters = models.ForeignKey(
        "tracker.Jurisdiction", null=True, blank=True, on_delete=models.PROTECT, related_name="actors",
        verbose_name=_("总部所在地 Headquarters"),
    )
    sectors = models.ManyToManyField("tracker.Sector", blank=True, related_name="actors", verbose_name=_("领域 Sectors"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subsidiaries",
        verbose_name=_("母公司 Parent group"),
    )
    policies = models.ManyToManyField(
        "tracker.Policy", blank=True, related_name="actors", verbose_name=_("提及它的政策 Policies naming it"),
    )
    description = models.TextField(_("简介 Description"), blank=True)
    website = models.URLField(_("网站 Website"), max_length=500, blank=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        db_table = "tracker_actor"  # the table it had in the tracker app: moved without a copy
        ordering = ["name"]
        verbose_name = _("非国家行为体 Actor")
        verbose_name_plural = _("非国家行为体 Actors")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def all_names(self) -> list[str]:
        return list(dict.fromkeys([self.name, *([self.short_name] if self.short_name else []), *(self.aliases or [])]))


class CommitmentQuerySet(models.QuerySet):
    def public(self) -> CommitmentQuerySet:
        """Published commitments of published actors: nothing else, anywhere."""
        return self.filter(review_state=ReviewState.PUBLISHED, actor__review_state=ReviewState.PUBLISHED)


class Commitment(Reviewed):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("行为体 Actor"))
    title = models.CharField(_("标题 Title"), max_length=400)
    date = models.DateField(_("日期 Date"), null=True, blank=True)
    kind = models.CharField(_("类型 Kind"), max_length=16, choices=CommitmentKind.choices, default=CommitmentKind.OTHER,
                            db_index=True)
    statement = models.TextField(_("承诺原文 Statement (verbatim)"), blank=True,
                                 help_text=_("陈述承诺的原句，逐字 The sentence that states it, verbatim"))
    source_title = models.CharField(_("来源文件标题 Source document title"), max_length=400, blank=True)
    publisher = models.CharField(_("发布者 Publisher"), max_length=200, blank=True)
    source_url = models.URLField(_("来源网址 Source URL"), max_length=1000, blank=True)
    document = models.ForeignKey(
        "tracker.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="commitments",
        verbose_name=_("存档原件 Archived original"),
    )
    text = models.TextField(_("全文 Full text"), blank=True)
    text_hash = models.CharField(max_length=64, blank=True, db_index=True)
    extracted = models.JSONField(default=dict, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        db_table = "tracker_commitment"  # the table it had in the tracker app: moved without a copy
        ordering = ["-date", "-id"]
        verbose_name = _("承诺 Commitment")
        verbose_name_plural = _("承诺 Commitments")
        permissions = [("publish_commitment", "Can publish or reject an actor or a commitment")]

    def __str__(self) -> str:
        return f"{self.actor}: {self.title}"

    def current_targets(self) -> models.QuerySet:
        return self.targets.select_related("indicator").order_by("order", "id")

    def source_text(self) -> str:
        """The text the targets' offsets refer to: the full text when ingested, else the statement."""
        return self.text or self.statement


class CommitmentForReview(Commitment):
    """The commitments' review queue."""

    class Meta:
        proxy = True
        verbose_name = _("待审核承诺 Commitments to review")
        verbose_name_plural = _("待审核承诺 Commitments to review")
