"""The default search: keyword results and passage (meaning) results fused by reciprocal rank.

    result = search(params, page_size=30)   # a query.SearchResult, with .passages and .mode

A query that names nothing (no terms), a search with ``mode=keyword``, or a site with no passage
vectors is the keyword search of ``query.search``, unchanged. Otherwise:

1. The query is embedded (``embedder.get_embedder().query``; the web process embeds only the
   query) and the nearest passages are read from the vector index (``vectors.vector_index``).
   Their policies, scored by their best passages (``policy_score``), are the meaning candidates:
   those within ``MEANING_MARGIN`` of the best, at most ``MEANING_LIMIT``, best first.
2. The candidates pass through the same filters and public gate as the keyword match
   (``query._filtered`` without the terms): the vector index may hold passages of a policy
   unpublished since it was built, and the filter drops them here, never later.
3. The candidates that do not match the keywords are the search's ``meaning_ids``: the facets
   and the total count them with the keyword matches, under the same filters
   (``query.facets_for`` / ``query.count`` over ``replace(params, meaning_ids=…)``).
4. The order: the first ``KEYWORD_DEPTH`` keyword results and the meaning candidates, fused by
   reciprocal rank (1 / (``RRF_K`` + rank), summed over both lists); then every further keyword
   result in keyword order (a page past the head reads the keyword order from ``KEYWORD_DEPTH`` up to
   itself, uncached: deep pages cost more than keyword pages — measured by the review at 100,000
   policies on PostgreSQL, page 500 took 368 ms).

With filters, meaning is looked for among the policies they allow, so a facet counts the keyword
matches exactly and the meaning matches of the current filters; picking a value looks again.

Invariant: every policy listed is public and passes every filter; ``total`` is the number of
policies the pages list (keyword matches plus meaning-only candidates). Rejected: ranking the
union by a weighted sum of a keyword score and the cosine — the keyword side has no calibrated
score (its order is title hits, then date), and the weights would be fitted to one collection;
reciprocal rank needs only the two orders (Cormack et al., 2009).
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, replace

from django.utils.safestring import SafeString, mark_safe

from ccnt.tracker.models import Policy

from . import query
from .embedder import enabled, get_embedder
from .index import generation_key
from .models import Passage
from .params import SearchParams, _with_terms
from .snippets import highlight, pattern_of, snippet
from .vectors import available, vector_index, version

RRF_K = 60
KEYWORD_DEPTH = 100  # keyword results that take part in the fusion
PASSAGE_DEPTH = 1000  # nearest passages read from the index
SCORED_PASSAGES = 3  # a policy's score: the mean of its best three passages' cosines (policy_score)
MISSING_PENALTY = 0.05
MEANING_LIMIT = 20  # policies found by meaning, at most (the margin below rarely binds: e5's cosines are
# compressed, the 30th policy of a query typically within 0.03 of the first)
MEANING_MARGIN = 0.05  # a candidate's score is within this of the best candidate's
BEST_PASSAGES = 2  # passages shown per result
PASSAGE_CHARS = 200


@dataclass(frozen=True)
class Candidate:
    """A policy found by meaning: its score (``policy_score``) and its best passages (id, cosine),
    best first."""
    policy_id: int
    score: float
    passages: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class PassageMatch:
    """A passage shown under a result: where it is and how it matched."""
    policy_id: int
    start: int | None  # offsets into the policy's text; None for a passage made of its metadata
    end: int | None
    heading: str
    html: SafeString  # the passage (shortened), escaped, query words marked
    score: float

    @property
    def url(self) -> str:
        if self.start is None:
            return f"/policies/{self.policy_id}/"
        return f"/policies/{self.policy_id}/?passage={self.start}-{self.end}#passage"


def meaning_vary(request) -> list[str]:
    """A cached page of a search with a query also depends on the vector index (``vectors.version``):
    a worker that embeds new passages changes what the search lists without a new generation of the
    public data. One primary-key read, and only for requests with ``q``."""
    return [f"vectors={version()}"] if request.GET.get("q", "").strip() and enabled() else []


FILTERS_OF_MEANING = frozenset({"q", "mode", "page", "sort"})  # what does not narrow the candidates


def _filter_query(params: SearchParams) -> dict:
    return {k: v for k, v in params.as_query().items() if k not in FILTERS_OF_MEANING}


def meaning_candidates(params: SearchParams) -> list[Candidate]:
    """The policies whose passages are nearest ``params.q`` in meaning, best first, among the public
    policies its filters allow (cached per query, filters and vector index version). With filters,
    the index is searched among the allowed policies' passages only: a filter narrows where meaning
    is looked for, it does not merely drop the best of the whole site (a search in one province finds
    that province's best passages)."""
    filters = _filter_query(params)
    digest = hashlib.sha1(repr((params.q, sorted(filters.items()))).encode("utf-8")).hexdigest()
    # under the vector index's version and the data's generation: new vectors, or a policy whose
    # level, category or dates changed, make a new key (and CCNT_SEARCH_CACHE_SECONDS=0 none)
    key = generation_key(f"search.meaning:{version()}:{digest}")

    def compute() -> list[Candidate]:
        allowed = None
        if filters:
            allowed = list(query._filtered(replace(params, terms=(), meaning_ids=())).values_list("policy_id", flat=True))
        return _nearest_policies(params.q, allowed)

    return query._cached(key, compute)


def policy_score(scores: list[float]) -> float:
    """A policy's closeness to the query from its passages' cosines (best first): the mean of its
    best ``SCORED_PASSAGES``, a missing one counted as ``MISSING_PENALTY`` below its best. A policy
    that speaks of the question in several places beats one with a single close sentence. Chosen on
    the dev needs of eval/search (recall@10, Chinese / English): best passage alone 79.5% / 55.3%,
    mean of the best two 81.4% / 61.6%, of the best three 81.4% / 63.6%, of the best five
    83.1% / 63.9% with a lower MRR; rejected: a soft maximum (log-sum-exp), worse at any temperature
    tried."""
    best = scores[:SCORED_PASSAGES]
    best += [scores[0] - MISSING_PENALTY] * (SCORED_PASSAGES - len(best))
    return sum(best) / SCORED_PASSAGES


def _nearest_policies(q: str, allowed: list[int] | None = None) -> list[Candidate]:
    if allowed is not None and not allowed:
        return []
    hits = vector_index().nearest(get_embedder().query(q), PASSAGE_DEPTH, allowed)
    by_policy: dict[int, list] = {}
    for hit in hits:  # best first
        by_policy.setdefault(hit.policy_id, []).append(hit)
    scored = {pk: policy_score([h.score for h in found]) for pk, found in by_policy.items()}
    if not scored:
        return []
    floor = max(scored.values()) - MEANING_MARGIN
    ranked = sorted((pk for pk in scored if scored[pk] >= floor), key=lambda pk: (-scored[pk], pk))[:MEANING_LIMIT]
    return [Candidate(pk, scored[pk], tuple((h.passage_id, h.score) for h in by_policy[pk][:BEST_PASSAGES]))
            for pk in ranked]


def fuse(*rankings: list[int], k: int = RRF_K) -> list[int]:
    """Reciprocal rank fusion of ranked id lists: the sum of 1 / (k + rank) over the lists an id
    is in, highest first; ties keep the order of first appearance."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, pk in enumerate(ranking, start=1):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (k + rank)
    order = {pk: i for i, pk in enumerate(dict.fromkeys(pk for ranking in rankings for pk in ranking))}
    return sorted(scores, key=lambda pk: (-scores[pk], order[pk]))


def _ids_among(params: SearchParams, ids: list[int]) -> set[int]:
    """Which of ``ids`` are public index rows passing ``params`` (its terms too, if any)."""
    if not ids:
        return set()
    return set(query._filtered(params).filter(policy_id__in=ids).values_list("policy_id", flat=True))


class _Order:
    """The hybrid order: the fused head, then the keyword results past ``KEYWORD_DEPTH`` that the
    head does not hold, in keyword order."""

    def __init__(self, params: SearchParams, keyword_head: list[int], meaning_ranked: list[int],
                 keyword_matches: set[int]):
        self.params = params
        self.head = fuse(keyword_head, meaning_ranked)
        self.more_keyword = len(keyword_head) == KEYWORD_DEPTH
        # meaning candidates that also match the keywords but fell below the keyword head: the tail
        # skips them (they are in the head already)
        self.skip = (keyword_matches & set(meaning_ranked)) - set(keyword_head)

    def ids(self, start: int, stop: int) -> list[int]:
        out = self.head[start:stop]
        need = (stop - start) - len(out)
        if need <= 0 or not self.more_keyword:
            return out
        past = max(0, start - len(self.head))
        tail = query._page_ids(self.params, KEYWORD_DEPTH, past + need + len(self.skip))
        tail = [pk for pk in tail if pk not in self.skip]
        return out + tail[past:past + need]


def _passage_html(text: str, pattern) -> SafeString:
    short = " ".join(text.split())
    cut = len(short) > PASSAGE_CHARS
    short = short[:PASSAGE_CHARS]
    return mark_safe(highlight(short, pattern) + ("…" if cut else ""))


def shown_text(passage: Passage, title: str) -> tuple[str, str]:
    """(heading, text) of a passage as a result shows it: the heading only where the text does not
    open with it; a passage made of the policy's metadata without the lines the result already shows
    (its title, and the labelled lines: 发文机关：…, 地区：…), so what is left is its summary or its
    target sentences — possibly nothing."""
    text = passage.text
    if passage.start is None:
        kept = [line for line in text.splitlines() if line.strip() and line.strip() != title.strip()
                and not _LABEL_LINE.match(line.strip())]
        return "", "\n".join(kept)
    squeezed = "".join(text.split())
    heading = passage.heading if passage.heading and not squeezed.startswith("".join(passage.heading.split())) else ""
    return heading, text


_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")


def passage_matches(candidates: list[Candidate], policies: list[Policy], pattern) -> dict[int, list[PassageMatch]]:
    """The best passages of the listed policies found by meaning, loaded for display."""
    titles = {p.pk: p.title for p in policies}
    wanted = {c.policy_id: c for c in candidates if c.policy_id in titles}
    rows = {p.pk: p for p in Passage.objects.filter(pk__in=[pk for c in wanted.values() for pk, _ in c.passages])}
    out: dict[int, list[PassageMatch]] = {}
    for pid, c in wanted.items():
        for pk, score in c.passages:
            p = rows.get(pk)
            if p is None or p.policy_id != pid:
                continue
            heading, text = shown_text(p, titles[pid])
            out.setdefault(pid, []).append(PassageMatch(
                policy_id=pid, start=p.start, end=p.end, heading=heading,
                html=_passage_html(text, pattern), score=score))
    return out


def applies(params: SearchParams) -> bool:
    """Whether ``params`` is a hybrid search: terms to look for, not ``mode=keyword``, vectors there."""
    return params.mode != "keyword" and bool(params.terms) and available()


def _meaning(params: SearchParams) -> tuple[SearchParams, list[Candidate], list[int], set[int]]:
    """For ``params`` (without meaning ids): the same with the ids of the policies found by meaning
    alone, the meaning candidates, those of them its filters and the public gate allow (best first),
    and those of them that match its keywords as well."""
    candidates = meaning_candidates(params)
    candidate_ids = [c.policy_id for c in candidates]
    allowed = _ids_among(replace(params, terms=()), candidate_ids)
    keyword_matches = _ids_among(params, candidate_ids)
    ranked = [pk for pk in candidate_ids if pk in allowed]
    hybrid = replace(params, meaning_ids=tuple(sorted(set(ranked) - keyword_matches)))
    return hybrid, candidates, ranked, keyword_matches


def with_meaning(params: SearchParams) -> SearchParams:
    """``params`` with the policies a hybrid search finds by meaning alone, for ``query.queryset``:
    the downloads of a search hold what its pages list. Unchanged when the search is not hybrid."""
    params = _with_terms(params)
    if not applies(params):
        return params
    return _meaning(replace(params, meaning_ids=()))[0]


def search(params: SearchParams, page_size: int = 30, facets: bool = True, full: bool = True) -> query.SearchResult:
    """The page of ``params``: hybrid when the query has terms, ``mode`` is not ``keyword`` and the
    site has passage vectors; otherwise ``query.search`` unchanged."""
    params = _with_terms(params)
    if not applies(params):
        return query.search(params, page_size, facets, full)
    keyword_params = replace(params, meaning_ids=())
    hybrid, candidates, meaning_ranked, keyword_matches = _meaning(keyword_params)
    pattern = pattern_of(params.terms)
    if params.effective_sort != "relevance":  # by date: the union in date order, as the keyword pages are
        result = query.search(hybrid, page_size, facets, full)
        for pk in hybrid.meaning_ids:
            result.snippets[pk] = mark_safe("")
        return replace(result, passages=passage_matches(candidates, result.policies, pattern),
                       mode="hybrid", meaning_only=frozenset(hybrid.meaning_ids))
    facet_counts = query.facets_for(hybrid) if facets else {}
    total = query.count(hybrid)
    num_pages = max(1, math.ceil(total / page_size))
    page = min(params.page, num_pages)
    head = query.page_ids(keyword_params, 1, KEYWORD_DEPTH)
    order = _Order(keyword_params, head, meaning_ranked, keyword_matches)
    ids = order.ids((page - 1) * page_size, page * page_size)
    policies = query.page_policies(ids, full)
    return query.SearchResult(
        params=hybrid, policies=policies, total=total, page=page, num_pages=num_pages, page_size=page_size,
        facets=facet_counts, undated_left_out=query.undated_left_out(keyword_params),
        snippets={p.pk: mark_safe("") if p.pk in hybrid.meaning_ids else snippet(p, pattern) for p in policies},
        titles={p.pk: highlight(p.title, pattern) for p in policies},
        passages=passage_matches(candidates, policies, pattern),
        mode="hybrid", meaning_only=frozenset(hybrid.meaning_ids),
    )
