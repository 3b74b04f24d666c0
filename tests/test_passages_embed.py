"""Passages are embedded by the real model, each distinct string once and cached by model and text
hash; the vector index answers a paraphrase in Chinese or English and never serves a stale matrix."""

from __future__ import annotations

import numpy as np
import pytest

from _search_helpers import DATA, FOREST, HEATING, make_policy
from ccnt.jobs.tasks import embed_passages
from ccnt.search import passages
from ccnt.search.embedder import EmbeddingsOff, get_embedder
from ccnt.search.models import Passage, PassageVector
from ccnt.search.vectors import MatrixIndex, available, vector_index

pytestmark = pytest.mark.django_db



@pytest.fixture
def embeddings_on(settings):
    settings.CCNT_EMBEDDINGS = True


def test_it_embeds_each_distinct_string_once_and_keeps_it(embeddings_on):
    heating = make_policy("清洁取暖方案", HEATING)
    make_policy("清洁取暖方案（转发）", HEATING)  # the same passage in a second policy
    # the shared paragraph once, and each policy's title passage (title, issuers, place)
    assert passages.pending_count() == 3
    assert passages.embed_pending() == 3
    assert passages.pending_count() == 0
    vector = PassageVector.objects.get(text_hash=Passage.objects.filter(policy=heating, kind="text").get().text_hash)
    array = np.frombuffer(bytes(vector.vector), dtype=np.float32)
    assert array.shape == (get_embedder().dim,) and abs(float(array @ array) - 1.0) < 1e-3
    assert passages.embed_pending() == 0  # nothing left: the cache answers
    passages.rebuild_passages([heating.pk])
    assert passages.pending_count() == 0  # a rebuild that keeps the text keeps its vector


def test_it_finds_a_paraphrase_in_chinese_and_in_english(embeddings_on):
    heating = make_policy("清洁取暖方案", HEATING)
    data = make_policy("数据中心能效方案", DATA)
    forest = make_policy("国土绿化方案", FOREST)
    assert passages.embed_pending(batch=2) == 6  # a paragraph and a title passage each
    assert available()
    embedder = get_embedder()

    def best(question: str) -> int:
        return vector_index().nearest(embedder.query(question), 1)[0].policy_id

    assert best("老旧小区冬天供暖怎样少烧煤") == heating.pk
    assert best("what energy efficiency limits apply to new data centres") == data.pk
    assert best("植树造林") == forest.pk
    hits = vector_index().nearest(embedder.query("植树造林"), 10)
    assert len(hits) == 6 and hits[0].score >= hits[1].score >= hits[2].score


def test_it_reloads_after_a_write_and_drops_unpublished_passages(embeddings_on):
    heating = make_policy("清洁取暖方案", HEATING)
    passages.embed_pending()
    query = get_embedder().query("数据中心的电能利用效率")
    assert {h.policy_id for h in vector_index().nearest(query, 5)} == {heating.pk}
    data = make_policy("数据中心能效方案", DATA)
    assert vector_index().nearest(query, 5)[0].policy_id == heating.pk  # not embedded yet: not in it
    passages.embed_pending()
    assert vector_index().nearest(query, 5)[0].policy_id == data.pk  # no stale matrix after the write
    data.review_state = "draft"
    data.save()
    assert {h.policy_id for h in vector_index().nearest(query, 5)} == {heating.pk}


def test_it_runs_as_the_workers_task(embeddings_on):
    make_policy("国土绿化方案", FOREST)
    assert embed_passages.apply().get() == 2
    assert passages.pending_count() == 0


def test_it_is_unavailable_when_off_or_empty(settings):
    settings.CCNT_EMBEDDINGS = True
    assert not available()  # no vector yet
    settings.CCNT_EMBEDDINGS = False
    with pytest.raises(EmbeddingsOff):
        get_embedder()
    assert not available()
    assert passages.embed_pending() == 0


def test_it_takes_the_exact_top_k_of_a_matrix():
    rng = np.random.default_rng(7)
    matrix = rng.standard_normal((50, 8)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    index = MatrixIndex.from_arrays(matrix, np.arange(100, 150), np.arange(50) // 3)
    query = matrix[17]
    hits = index.nearest(query, 4)
    assert [h.passage_id for h in hits] == list(100 + np.argsort(-(matrix @ query), kind="stable")[:4])
    assert hits[0].passage_id == 117 and hits[0].policy_id == 17 // 3
    assert index.nearest(query, 0) == [] and len(index.nearest(query, 500)) == 50


@pytest.mark.parametrize("question", ["", "！！！，，。", "碳" * 10_000, "PM2.5浓度 reduce 煤炭 ☀️ 𠀋"])
def test_it_embeds_any_query_to_one_unit_vector(embeddings_on, question):
    vector = get_embedder().query(question)
    assert vector.shape == (get_embedder().dim,) and vector.dtype == np.float32
    assert np.isfinite(vector).all() and abs(float(vector @ vector) - 1.0) < 1e-3
