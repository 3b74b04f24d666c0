"""Reciprocal rank fusion: an id high in both lists beats one high in only one; ties keep the
order of first appearance; every id of either list is kept once."""

from __future__ import annotations

from ccnt.search.hybrid import fuse


def test_it_puts_an_id_found_by_both_lists_first():
    assert fuse([1, 2, 3], [3, 4, 5])[0] == 3


def test_it_keeps_every_id_once():
    fused = fuse([1, 2, 3], [3, 4, 1, 6])
    assert sorted(fused) == [1, 2, 3, 4, 6]


def test_it_breaks_ties_by_first_appearance():
    # 1 and 4 are both first of one list: the keyword list is given first
    assert fuse([1, 2], [4, 5]) == [1, 4, 2, 5]


def test_it_returns_one_list_unchanged():
    assert fuse([7, 3, 9], []) == [7, 3, 9]
    assert fuse([], [7, 3, 9]) == [7, 3, 9]
