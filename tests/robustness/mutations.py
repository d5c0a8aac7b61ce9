"""Mutations of real and invented pages for fuzzing (scripts/fuzz.py and the smoke test).

``mutate(data, rng, others)`` applies one to three random mutations: truncate, flip bytes,
drop closing tags, duplicate a subtree, nest deeply, insert junk, change the charset,
splice with another page, delete or repeat a range, unbalance quotes. Everything depends
only on ``rng``, so a case is reproduced from its seed alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

# Mutated pages are cut to this size: the promise is 2 s under 1 MB, whatever the shape.
MAX_CASE_BYTES = 1_000_000

# Up to this many mutations are stacked on one case.
MAX_MUTATIONS = 3

START_TAG_RE = re.compile(rb"<([A-Za-z][A-Za-z0-9-]{0,20})")
END_TAG_RE = re.compile(rb"</[A-Za-z][^>]{0,30}>")
META_CHARSET_RE = re.compile(rb"<meta[^>]{0,200}charset[^>]{0,100}>", re.IGNORECASE)

NEST_TAGS = (
    b"div",
    b"span",
    b"li",
    b"ul",
    b"table",
    b"td",
    b"b",
    b"font",
    b"section",
    b"p",
    b"a",
    b"svg",
)
CHARSET_LABELS = (
    b"utf-8", b"euc-kr", b"cp949", b"utf-16", b"iso-8859-1", b"x-unknown", b"utf-7", b"", b"shift_jis",
)  # fmt: skip
JUNK = (
    b"\x00" * 64,
    b"\xff\xfe\xfd",
    b"&#99999999999;&#xD800;&#0;",
    b"<!--",
    b"-->",
    b"<script>",
    b"</script>",
    b"<![CDATA[",
    b'<div class="' + b"x" * 5000,
    b"<p " + b" ".join(b"a%d" % i for i in range(3000)) + b">",
    "입력 2023년13월45일 25시61분".encode(),
    b'<script type="application/ld+json">{"@type":"NewsArticle","author":',
    b"\xed\xa0\x80",  # an encoded surrogate
    "홍길동 기자 = ".encode("cp949"),
)

Mutation = Callable[[bytes, random.Random, Sequence[bytes]], bytes]


def _offset(data: bytes, rng: random.Random) -> int:
    return rng.randrange(len(data) + 1)


def truncate(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    return data[: _offset(data, rng)]


def flip_bytes(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def drop_closing_tags(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    keep = rng.choice((0.0, 0.5, 0.9))
    return END_TAG_RE.sub(lambda m: m.group() if rng.random() < keep else b"", data)


def duplicate_subtree(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    starts = [m for m in START_TAG_RE.finditer(data)]
    if not starts:
        return data
    start = rng.choice(starts)
    close = data.find(b"</" + start.group(1) + b">", start.end())
    end = close + len(start.group(1)) + 3 if close >= 0 else min(len(data), start.end() + 2000)
    subtree = data[start.start() : end]
    times = rng.choice((2, 5, 20, 100, 1000))
    times = max(1, min(times, MAX_CASE_BYTES // max(1, len(subtree))))
    if rng.random() < 0.3:  # copies inside each other instead of side by side
        gt = data.find(b">", start.end())
        opening = data[start.start() : gt + 1] if gt >= 0 else data[start.start() : start.end()]
        times = max(1, min(times, MAX_CASE_BYTES // max(1, len(opening))))
        copies = opening * times + subtree + (b"</" + start.group(1) + b">") * times
    else:
        copies = subtree * times
    return data[: start.start()] + copies + data[end:]


def nest_deeply(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    tag = rng.choice(NEST_TAGS)
    depth = rng.choice((100, 1000, 10_000, 50_000))
    at = _offset(data, rng)
    opening = b"<" + tag + b">"
    closing = (b"</" + tag + b">") * depth if rng.random() < 0.5 else b""
    later = at + rng.randrange(len(data) - at + 1)
    return data[:at] + opening * depth + data[at:later] + closing + data[later:]


def insert_junk(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    at = _offset(data, rng)
    junk = rng.choice(JUNK) if rng.random() < 0.7 else rng.randbytes(rng.randint(1, 2000))
    return data[:at] + junk * rng.choice((1, 1, 10, 100)) + data[at:]


def change_charset(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    if rng.random() < 0.5:
        label = rng.choice(CHARSET_LABELS)
        meta = b'<meta charset="' + label + b'">'
        if META_CHARSET_RE.search(data):
            return META_CHARSET_RE.sub(meta, data, count=1)
        return meta + data
    text = data.decode("utf-8", "replace")
    codec = rng.choice(("cp949", "utf-16-le", "utf-16-be", "utf-16", "latin-1", "gb18030"))
    bom = (
        {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
        if rng.random() < 0.5
        else b""
    )
    return bom + text.encode(codec, "replace")


def splice(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    if not others:
        return data
    other = rng.choice(others)
    return data[: _offset(data, rng)] + other[_offset(other, rng) :]


def delete_range(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    a, b = sorted((_offset(data, rng), _offset(data, rng)))
    return data[:a] + data[b:]


def repeat_range(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    a = _offset(data, rng)
    b = min(len(data), a + rng.randint(1, 500))
    times = rng.choice((2, 10, 100, 1000))
    return data[:a] + data[a:b] * times + data[b:]


def unbalance_quotes(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    out = data
    for _ in range(rng.randint(1, 10)):
        at = _offset(out, rng)
        out = out[:at] + rng.choice((b'"', b"'", b"<", b">", b"=", b"</", b"<a ")) + out[at:]
    return out


MUTATIONS: tuple[Mutation, ...] = (
    truncate,
    flip_bytes,
    drop_closing_tags,
    duplicate_subtree,
    nest_deeply,
    insert_junk,
    change_charset,
    splice,
    delete_range,
    repeat_range,
    unbalance_quotes,
)


def mutate(
    data: bytes, rng: random.Random, others: Sequence[bytes] = ()
) -> tuple[bytes, list[str]]:
    """The mutated page (at most MAX_CASE_BYTES) and the names of the mutations applied."""
    names: list[str] = []
    for _ in range(rng.randint(1, MAX_MUTATIONS)):
        mutation = rng.choice(MUTATIONS)
        data = mutation(data, rng, others)[:MAX_CASE_BYTES]
        names.append(mutation.__name__)
    return data, names


def case(seeds: Sequence[tuple[str, bytes]], seed: int, index: int) -> tuple[str, bytes, list[str]]:
    """Case ``index`` of fuzz run ``seed``: (seed page name, mutated bytes, mutations)."""
    rng = random.Random(f"{seed}:{index}")
    name, data = rng.choice(seeds)
    pages = [page for _, page in seeds]
    mutated, names = mutate(data, rng, pages)
    return name, mutated, names


def load_seeds(repo: Path, corpus: Path | None) -> list[tuple[str, bytes]]:
    """Seed pages, read at run time: project fixtures, invented pages, the shared corpus."""
    from robustness import hostile_pages as H

    seeds = [
        (f"fixture:{p.parent.name}", p.read_bytes())
        for p in sorted((repo / "tests" / "fixtures").glob("*/source.html"))
    ]
    seeds.append(("invented:article", H.article_bytes()))
    seeds.append(("invented:cp949", H.article_page(charset="euc-kr").encode("cp949")))
    seeds.append(("invented:jsonld", H.jsonld_page(H.deep_json(50))))
    if corpus is not None and corpus.is_dir():
        for page in sorted(corpus.glob("*/pages/*.html")):
            seeds.append((f"corpus:{page.parts[-3]}/{page.stem}", page.read_bytes()))
    return seeds
