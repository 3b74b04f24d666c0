"""The versioned vocabularies: report categories, sectors, topics and the indicator catalogue.

They are loaded from ``src/ccnt/data`` (taxonomy.json, indicators.csv); codes never change
because they appear in URLs, exports and the API.
"""

from __future__ import annotations

from django.db import models


class CodedTerm(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    name_zh = models.CharField(max_length=64)
    name_en = models.CharField(max_length=128)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.name_zh} {self.name_en}"


class Category(CodedTerm):
    """One per policy: decides its section in the monthly report."""

    class Meta(CodedTerm.Meta):
        verbose_name_plural = "categories"


class Sector(CodedTerm):
    pass


class Topic(CodedTerm):
    pass


class Indicator(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    name_zh = models.CharField(max_length=64)
    name_en = models.CharField(max_length=160)
    unit_family = models.CharField(max_length=32)
    better = models.CharField(max_length=16, help_text="increase / decrease / earlier")
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.SET_NULL)
    aliases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.code})"
