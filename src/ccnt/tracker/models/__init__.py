from .actors import Actor, Commitment, CommitmentForReview
from .catalogue import Category, Indicator, Sector, Topic
from .documents import Document, FetchedUrl, Source
from .feedback import TargetReport
from .geo import Authority, Jurisdiction, JurisdictionAlias
from .history import ChangeRecord
from .policy import Policy, PolicyForReview, PolicyIssuer, PolicyRelation, PolicyVersion, Target
from .reports import Report

__all__ = [
    "Actor",
    "Commitment",
    "CommitmentForReview",
    "Authority",
    "Category",
    "ChangeRecord",
    "Document",
    "FetchedUrl",
    "Indicator",
    "Jurisdiction",
    "JurisdictionAlias",
    "Policy",
    "PolicyForReview",
    "PolicyIssuer",
    "PolicyRelation",
    "PolicyVersion",
    "Report",
    "Sector",
    "Source",
    "Target",
    "TargetReport",
    "Topic",
]
