"""A bounded slice of the mutation fuzzer (scripts/fuzz.py) in the default test run.

Mutations of the fixtures, invented pages and ../shared/corpus pages (read from there at
run time): every case must keep the contract within a time bound. The long hunt is
``scripts/fuzz.py --cases 100000``.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

import newsclean
from robustness import hostile_pages as H
from robustness import mutations

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"

# Cases per default run, in batches so a failure names its case.
CASES = 240
BATCHES = 8

# Mutated pages are at most 1 MB: 2 s promised, 3x for slow CI machines.
SECONDS = 6.0


@pytest.fixture(scope="module")
def seeds() -> list[tuple[str, bytes]]:
    return mutations.load_seeds(REPO, CORPUS)


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutated_pages_keep_the_contract(seeds: list[tuple[str, bytes]], batch: int) -> None:
    per_batch = CASES // BATCHES
    for index in range(batch * per_batch, (batch + 1) * per_batch):
        name, data, applied = mutations.case(seeds, seed=20240305, index=index)
        start = time.perf_counter()
        article = newsclean.extract(data)
        elapsed = time.perf_counter() - start
        where = f"case {index} ({name}, {'+'.join(applied)}, {len(data)} bytes)"
        assert H.contract_violations(article) == [], where
        assert elapsed < SECONDS, f"{where}: {elapsed:.2f} s"


def test_cases_are_reproducible(seeds: list[tuple[str, bytes]]) -> None:
    assert mutations.case(seeds, 3, 17) == mutations.case(seeds, 3, 17)


def test_mutations_respect_the_size_cap(seeds: list[tuple[str, bytes]]) -> None:
    rng = random.Random(1)
    big = H.article_bytes(2000)
    for mutation in mutations.MUTATIONS:
        out, _ = mutations.mutate(big, rng)
        assert len(out) <= mutations.MAX_CASE_BYTES, mutation.__name__


def test_every_mutation_changes_or_keeps_bytes() -> None:
    rng = random.Random(2)
    page = H.article_bytes()
    for mutation in mutations.MUTATIONS:
        out = mutation(page, rng, [page])
        assert isinstance(out, bytes), mutation.__name__
