"""The analysis pipeline: a list of named steps, each a small function over ``PolicyAnalysis``.

    analyse(text, title=None, issuer=None, gazetteer=None) -> PolicyAnalysis

Steps run in order and each fills some fields (spaCy style: ``Pipeline.steps`` is a plain list;
callers may copy the default pipeline and add, remove or replace steps by name). A step has the
signature ``step(pa, gazetteer) -> pa``; none does I/O. A step that raises does not stop the
others: its error is recorded in ``pa.warnings``.

Work is bounded: a text longer than ``MAX_TEXT_CHARS`` is analysed up to the cap (warning
``too_long: …``) and at most ``MAX_TARGETS`` targets are kept (``too_many_targets: …``); every step
is linear in the text. The caller (ingest) passes its settings (``CCNT_MAX_TEXT_CHARS``,
``CCNT_MAX_TARGETS``). Rejected: failing such a document (a long statistical yearbook is still a
policy worth a curator's look) and no cap (a 4 MB text gave 3,499 targets and an admin page of 54 MB).

Order matters: the wrapper step sets the policy's own title before issuers (转发 looks at the
wrapped title), jurisdiction (issuer first, then title), type, category and citations; targets
come before the summary, which quotes them; ``confidence`` (``confidence.py``) scores each target
once its kind of quantity is known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .actors import ActorEntry, ActorRef, step_actors
from .citations import step_citations
from .classify import step_classify
from .confidence import step_confidence
from .dates import step_dates
from .docnumber import step_doc_number
from .gazetteer import Gazetteer
from .indicators import default_catalogue
from .issuers import step_issuers
from .jurisdiction import step_jurisdiction
from .policy_type import step_policy_type, step_title, step_wrapper
from .quantity import quantity_of
from .summary import step_summary
from .targets import extract_targets
from .types import PolicyAnalysis

Step = Callable[[PolicyAnalysis, Gazetteer], PolicyAnalysis]
MAX_TEXT_CHARS = 2_000_000
MAX_TARGETS = 1_000
LIMIT_WARNINGS = ("too_long", "too_many_targets")  # warnings ingest reports beside its own


def normalise_text(text: str) -> str:
    """Line ends and a byte-order mark: the only changes; target offsets refer to the result."""
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")


def step_targets(pa: PolicyAnalysis, gazetteer: Gazetteer | None = None) -> PolicyAnalysis:
    targets = list(extract_targets(pa.text))
    if len(targets) > pa.max_targets:
        pa.warnings.append(f"too_many_targets: {len(targets)} targets found, the first {pa.max_targets} kept")
        targets = targets[: pa.max_targets]  # the extractor returns them in text order: the first are kept
    pa.targets = [t for t in targets if t.role not in ("restated", "cited")]  # each target once
    pa.restated = [t for t in targets if t.role == "restated"]
    pa.cited = [t for t in targets if t.role == "cited"]
    return pa


def step_target_kinds(pa: PolicyAnalysis, gazetteer: Gazetteer | None = None) -> PolicyAnalysis:
    """Each target's kind of quantity (``quantity.py``), so comparisons can be like with like."""
    catalogue = default_catalogue()
    for t in (*pa.targets, *pa.restated, *pa.cited):
        entry = catalogue.get(t.indicator)
        t.quantity = quantity_of(entry.unit_family if entry else "", t.subject or "", t.unit_normalized or "",
                                 t.metric_kind or "level",
                                 has_value=t.value_low is not None or t.value_high is not None)
    return pa


DEFAULT_STEPS: list[tuple[str, Step]] = [
    ("title", step_title),
    ("wrapper", step_wrapper),
    ("doc_number", step_doc_number),
    ("dates", step_dates),
    ("issuers", step_issuers),
    ("jurisdiction", step_jurisdiction),
    ("actors", step_actors),
    ("policy_type", step_policy_type),
    ("targets", step_targets),
    ("target_kinds", step_target_kinds),
    ("confidence", step_confidence),
    ("classify", step_classify),
    ("citations", step_citations),
    ("summary", step_summary),
]


@dataclass
class Pipeline:
    steps: list[tuple[str, Step]] = field(default_factory=lambda: list(DEFAULT_STEPS))

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.steps]

    def add(self, name: str, step: Step, *, before: str | None = None, after: str | None = None) -> None:
        if before is not None:
            self.steps.insert(self.names.index(before), (name, step))
        elif after is not None:
            self.steps.insert(self.names.index(after) + 1, (name, step))
        else:
            self.steps.append((name, step))

    def remove(self, name: str) -> None:
        self.steps = [(n, s) for n, s in self.steps if n != name]

    def replace(self, name: str, step: Step) -> None:
        self.steps = [(n, step if n == name else s) for n, s in self.steps]

    def __call__(self, pa: PolicyAnalysis, gazetteer: Gazetteer) -> PolicyAnalysis:
        for name, step in self.steps:
            try:
                pa = step(pa, gazetteer)
            except Exception as exc:  # one failing step must not lose the others' work
                pa.warnings.append(f"{name}: {type(exc).__name__}: {exc}")
        return pa


def analyse(
    text: str,
    title: str | None = None,
    issuer: str | None = None,
    gazetteer: Gazetteer | None = None,
    pipeline: Pipeline | None = None,
    actor=None,
    max_chars: int = MAX_TEXT_CHARS,
    max_targets: int = MAX_TARGETS,
) -> PolicyAnalysis:
    """``actor`` (a name or alias in the gazetteer's actor registry, or an ``ActorEntry``) makes
    the text that actor's: its targets are attributed to the actor, not to a jurisdiction.
    ``pa.text`` is the text analysed: the first ``max_chars`` characters of a longer one."""
    gazetteer = gazetteer or Gazetteer.from_data_files()
    text = normalise_text(text or "")
    warnings = []
    if len(text) > max_chars:
        warnings.append(f"too_long: {len(text)} characters, the first {max_chars} analysed")
        text = text[:max_chars]
    pa = PolicyAnalysis(text=text, title=(title or "").strip(), issuer_hint=(issuer or "").strip(),
                        warnings=warnings, max_targets=max_targets)
    if actor is not None:
        entry = actor if isinstance(actor, ActorEntry) else gazetteer.lookup_actor(str(actor))
        if entry is not None:
            pa.actor = entry.ref()
        else:
            pa.actor = ActorRef(name=str(actor).strip())
            pa.warnings.append(f"actor: {actor!r} is not in the registry")
    return (pipeline or Pipeline())(pa, gazetteer)
