"""Jurisdictions (administrative divisions over time) and issuing authorities."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATIONAL = "national", _("国家 National")
    PROVINCE = "province", _("省级 Provincial")
    CITY = "city", _("市级 City")
    COUNTY = "county", _("县级 County")


class JurisdictionKind(models.TextChoices):
    DIVISION = "division", _("行政区划 Division")
    PLACEHOLDER = "placeholder", _("统计占位 Statistical placeholder")
    DEV_ZONE = "dev_zone", _("开发区 Development zone")
    NEW_AREA = "new_area", _("新区 New area")
    REGION_GROUP = "region_group", _("区域 Region group")


class JurisdictionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(valid_to__isnull=True)

    def by_adcode(self, adcode: str) -> Jurisdiction | None:
        """The division that holds a code now (codes can be reused after a change)."""
        return self.filter(adcode=adcode).order_by(models.F("valid_to").desc(nulls_first=True)).first()


class Jurisdiction(models.Model):
    """A division with its GB/T 2260 code. The surrogate id stays when a code changes hands."""

    adcode = models.CharField(max_length=6, db_index=True)
    name = models.CharField(max_length=64)
    short_name = models.CharField(max_length=32, blank=True)
    name_en = models.CharField(max_length=128, blank=True)
    level = models.CharField(max_length=16, choices=Level.choices)
    kind = models.CharField(max_length=16, choices=JurisdictionKind.choices, default=JurisdictionKind.DIVISION)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors"
    )

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        ordering = ["adcode"]
        constraints = [
            models.UniqueConstraint(
                fields=["adcode"], condition=models.Q(valid_to__isnull=True), name="one_current_division_per_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.adcode})"

    def province(self) -> Jurisdiction:
        node = self
        while node.parent_id and node.level not in (Level.PROVINCE, Level.NATIONAL):
            node = node.parent
        return node

    def descendant_codes_prefix(self) -> str:
        """The adcode prefix shared by every unit below this one (37 for 370000, 3701 for 370100)."""
        if self.level == Level.NATIONAL:
            return ""
        if self.level == Level.PROVINCE:
            return self.adcode[:2]
        if self.level == Level.CITY:
            return self.adcode[:4]
        return self.adcode


class JurisdictionAlias(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=64)
    never_alone = models.BooleanField(
        default=False, help_text=_("常见词或重名，不单独匹配 Common word or ambiguous: never matched alone")
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        unique_together = [("jurisdiction", "alias")]

    def __str__(self) -> str:
        return self.alias


class Authority(models.Model):
    """An issuing body (国务院, 国家发展和改革委员会, 江苏省人民政府 …) and its jurisdiction."""

    name = models.CharField(max_length=128, unique=True)
    name_en = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=32, blank=True)
    jurisdiction = models.ForeignKey(Jurisdiction, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self) -> str:
        return self.name
