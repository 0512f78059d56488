"""The hand-judged facet benchmark's data: sample and judgments are consistent (no shared data needed)."""
from __future__ import annotations

from collections import Counter

from benchmarks.facets import FACETS, load_judgments, load_sample, split_of


def test_sample_halves_and_cooperation_share():
    sample = load_sample()
    news = [row for row in sample if not row[0].startswith("demo:")]
    assert len(news) == 200 and len({k for k, _, _ in sample}) == len(sample)
    assert sum(coop for _, _, coop in news) >= len(news) / 3
    assert all(split == split_of(key) for key, split, _ in sample)
    halves = Counter(split for _, split, _ in sample)
    assert set(halves) == {"tune", "test"} and min(halves.values()) > 0.4 * len(sample)


def test_every_judgment_is_about_a_sampled_article_and_a_facet():
    keys = {key for key, _, _ in load_sample()}
    judged = load_judgments()
    assert len(judged.verdicts) > 4000
    assert {k for k, _, _ in judged.verdicts} <= keys
    assert {f for _, f, _ in judged.verdicts} == set(FACETS)
    assert {k for k, _ in judged.misses} <= keys
