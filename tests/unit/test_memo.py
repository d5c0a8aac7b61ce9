"""remember_short: the test's answers, short strings asked once, long ones every time."""

from __future__ import annotations

from newsclean.memo import remember_short


def test_short_strings_are_tested_once_long_ones_every_time() -> None:
    asked: list[str] = []

    def has_ad(text: str) -> bool:
        asked.append(text)
        return "ad" in text

    answer = remember_short(has_ad, size=2, max_chars=5)
    assert [answer("ad"), answer("ad"), answer("x")] == [True, True, False]
    assert asked == ["ad", "x"]
    assert [answer("head-x"), answer("head-x")] == [True, True]  # 6 characters: not kept
    assert asked == ["ad", "x", "head-x", "head-x"]


def test_the_least_recently_used_goes_first() -> None:
    asked: list[str] = []

    def is_empty(text: str) -> bool:
        asked.append(text)
        return not text

    answer = remember_short(is_empty, size=2, max_chars=5)
    for text in ("a", "b", "a", "c", "a", "b"):  # "c" pushes out "b", the older of a and b
        answer(text)
    assert asked == ["a", "b", "c", "b"]
