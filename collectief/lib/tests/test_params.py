"""Query-string numbers and dates (collectief/lib/params.py)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.test import RequestFactory

from collectief.lib.params import MAX_INT, MAX_PAGE, date_param, get_page, int_param, page_number


def _request(**query: str) -> object:
    return RequestFactory().get("/", query)


def test_int_param_reads_a_whole_number_or_gives_the_default() -> None:
    assert int_param(_request(vraag="12"), "vraag") == 12
    assert int_param(_request(vraag=" 7 "), "vraag") == 7
    assert int_param(_request(), "vraag", 3) == 3
    assert int_param(_request(vraag=""), "vraag") is None
    assert int_param(_request(van="0"), "van", minimum=0) == 0


@pytest.mark.parametrize(
    "value", ["abc", "1.5", "１２", "-1", "0", str(MAX_INT + 1), "9" * 21, "9" * 5000]
)
def test_int_param_refuses_what_no_id_can_be(value: str) -> None:
    with pytest.raises(BadRequest, match="vraag is"):
        int_param(_request(vraag=value), "vraag")


def test_page_number_clamps_far_pages_and_refuses_nonsense() -> None:
    assert page_number(_request()) == 1
    assert page_number(_request(page="3")) == 3
    assert page_number(_request(page="9" * 21)) == MAX_PAGE
    for value in ("0", "-1", "abc", "１"):
        with pytest.raises(BadRequest, match="page is not a page number"):
            page_number(_request(page=value))


def test_get_page_past_the_end_is_the_last_page() -> None:
    page = get_page(_request(page="999999999999999999999"), Paginator(list(range(10)), 3))
    assert page.number == 4


def test_date_param() -> None:
    assert date_param(_request(op="2026-02-28"), "op") == datetime.date(2026, 2, 28)
    assert date_param(_request(), "op") is None
    with pytest.raises(BadRequest, match="op is not a date"):
        date_param(_request(op="2026-02-31"), "op")
