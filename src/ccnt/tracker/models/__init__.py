from .catalogue import Category, Indicator, Sector, Topic
from .documents import Document
from .feedback import TargetReport
from .geo import Authority, Jurisdiction, JurisdictionAlias
from .history import ChangeRecord
from .policy import Policy, PolicyForReview, PolicyIssuer, PolicyRelation, PolicyVersion, Target

__all__ = [
    "Authority",
    "Category",
    "ChangeRecord",
    "Document",
    "Indicator",
    "Jurisdiction",
    "JurisdictionAlias",
    "Policy",
    "PolicyForReview",
    "PolicyIssuer",
    "PolicyRelation",
    "PolicyVersion",
    "Sector",
    "Target",
    "TargetReport",
    "Topic",
]
