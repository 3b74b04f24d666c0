"""Pure analysis of a policy text: text in, ``PolicyAnalysis`` out (no Django, no I/O).

    from ccnt.analysis import analyse
    pa = analyse(text, title=None, issuer=None, gazetteer=None)
    pa.to_json()  # the shape of `ccnt extract --json`
"""

from .gazetteer import Gazetteer
from .pipeline import Pipeline, analyse
from .types import DateFact, JurisdictionRef, PolicyAnalysis, Target

__all__ = ["analyse", "Pipeline", "PolicyAnalysis", "Target", "Gazetteer", "JurisdictionRef", "DateFact"]
