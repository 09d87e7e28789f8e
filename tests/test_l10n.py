"""Numbers and lengths written the reader's way."""

from __future__ import annotations

import pytest

from studio.l10n import format_file_size, format_length, format_number, format_percent


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "12,5 mm"), ("en", "12.5 mm"), ("de", "12,5 mm"), ("xx", "12.5 mm")],
)
def test_format_length(language: str, expected: str) -> None:
    assert format_length(12.5, "mm", language=language) == expected


def test_length_decimals_follow_the_unit() -> None:
    assert format_length(12.0, "mm", language="en") == "12 mm"
    assert format_length(381.04, "mm", language="fr") == "381 mm"
    assert format_length(15.0625, "in", language="en") == "15.063 in"
    assert format_length(4500.4, "px", language="en") == "4,500 px"
    assert format_length(0.254, "mm", decimals=2, language="fr") == "0,25 mm"


def test_grouping_follows_the_language() -> None:
    assert format_number(1234567.5, 1, language="en") == "1,234,567.5"
    assert format_number(1234567.5, 1, language="fr") == "1\u202f234\u202f567,5"


def test_percent_sign_placement() -> None:
    assert format_percent(0.125, language="en") == "12%"
    assert format_percent(0.125, 1, language="fr") == "12,5\u00a0%"


def test_length_follows_the_interface_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "fr")
    assert format_length(12.5, "mm") == "12,5 mm"
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "en")
    assert format_length(12.5, "mm") == "12.5 mm"


def test_file_sizes_in_the_interface_language(monkeypatch: pytest.MonkeyPatch) -> None:
    assert format_file_size(999) == "999 bytes"
    assert format_file_size(1_250_000) == "1.3 MB"
    monkeypatch.setenv("MOTIF_STUDIO_LANG", "fr")
    assert format_file_size(1_250_000) == "1,3 Mo"
    assert format_file_size(3_400) == "3,4 ko"
