"""The poster fills one page, A4 and A3, for every demo story and for long ones.

The page count is read from the PDF itself with pypdf; the SVG's geometry is
read from the SVG: a box heading never overlaps the first line under it.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from collectief.accounts.models import Organisation
from collectief.changestories import services
from collectief.changestories.poster import render_pdf, render_svg

DEMO = ("het-badhuis", "de-sleutel", "buurttuin-kempenaar")


@pytest.fixture
def demo(db: None) -> None:
    call_command("demo", "--force", "--no-logins", stdout=io.StringIO())


def long_content(items: int) -> dict[str, Any]:
    sentence = "Bewoners die samen iets opzetten leren elkaar kennen en helpen elkaar daarna ook "
    return {
        "target_groups": [
            {"id": f"t{i}", "text": f"Doelgroep {i}: {sentence}"} for i in range(items // 2)
        ],
        "approaches": [{"id": f"a{i}", "text": f"Aanpak {i}: {sentence}"} for i in range(items)],
        "effects": [
            {
                "id": f"e{i}",
                "name": f"EFFECT {i}",
                "description": f"Effect {i}: {sentence}",
                "level": "wijk",
                "indicators": [],
            }
            for i in range(items)
        ],
        "contributions": [{"id": f"c{i}", "text": f"Bijdrage {i}"} for i in range(items)],
        "links": [],
    }


def pages(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.mark.parametrize("size", ["a4", "a3"])
def test_every_demo_poster_is_one_page(demo: None, size: str) -> None:
    height = {"a4": 842, "a3": 1191}[size]
    for slug in DEMO:
        story = services.get_story(Organisation.objects.get(slug=slug))
        reader = pages(render_pdf(story, size))
        assert len(reader.pages) == 1, slug
        assert round(float(reader.pages[0].mediabox.height)) == height
        text = reader.pages[0].extract_text()
        assert "DOELGROEP" in text and "DRAAGT INDIRECT BIJ AAN" in text


@pytest.mark.parametrize("items", [5, 8])
@pytest.mark.parametrize("size", ["a4", "a3"])
def test_long_story_still_one_page(demo: None, size: str, items: int) -> None:
    organisation = Organisation.objects.get(slug="het-badhuis")
    services.save_change_story(organisation, long_content(items), by=None)
    story = services.get_story(organisation)
    reader = pages(render_pdf(story, size))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    # Nothing is cut off: the last item of every layer and the last figure are there.
    for last in (f"Bijdrage {items - 1}", f"EFFECT {items - 1}", f"Aanpak {items - 1}"):
        assert last in text
    assert "bovenverdieping" in text  # the Badhuis's last figure


def test_long_story_shrinks_then_moves_figures_beside(demo: None) -> None:
    from collectief.changestories.poster import FIRST_COLUMN_LEVEL, poster_context

    organisation = Organisation.objects.get(slug="het-badhuis")
    short = poster_context(services.get_story(organisation))
    assert short["fit"] == 0 and not short["columns"]
    services.save_change_story(organisation, long_content(12), by=None)
    long = poster_context(services.get_story(organisation))
    assert long["fit"] >= FIRST_COLUMN_LEVEL and long["columns"]


def test_a3_type_is_larger_than_a4_at_every_level() -> None:
    from pathlib import Path

    css = (Path(__file__).parents[1] / "static" / "changestories" / "poster.css").read_text()
    sizes = dict(
        re.findall(r"\.poster--(a[34](?:\.poster--fit-\d)?) \{ font-size: ([\d.]+)pt", css)
    )
    for level in range(1, 7):
        a4 = float(sizes[f"a4.poster--fit-{level}"])
        a3 = float(sizes[f"a3.poster--fit-{level}"])
        assert a3 > a4 * 1.3
    assert float(sizes["a4.poster--fit-6"]) >= 7.5  # the smallest type stays readable
    # WeasyPrint cannot read these; the poster stylesheet must not use them.
    assert "auto-fill" not in css and "min(" not in css


def _svg_layout(svg: str) -> tuple[list[tuple[float, float]], list[tuple[str, float, int]]]:
    boxes = [
        (float(y), float(h))
        for y, h in re.findall(r'<rect x="\d+" y="(\d+)" width="\d+" height="(\d+)" rx', svg)
    ]
    texts = [
        (kind, float(y), int(size))
        for y, size, kind in re.findall(
            r'<text x="\d+" y="(\d+)" font-size="(\d+)"( font-weight="700" fill="#0b5f4f" letter)?',
            svg,
        )
    ]
    return boxes, texts


@pytest.mark.parametrize("items", [2, 6])
def test_svg_headings_never_overlap_the_first_line(demo: None, items: int) -> None:
    organisation = Organisation.objects.get(slug="het-badhuis")
    services.save_change_story(organisation, long_content(items), by=None)
    svg = render_svg(services.get_story(organisation))
    boxes, texts = _svg_layout(svg)
    assert len(boxes) == 4
    assert svg.count("<polygon") == 3  # an arrow between each two layers
    for top, height in boxes:
        inside = [t for t in texts if top < t[1] < top + height]
        headings = [t for t in inside if t[0]]
        lines = [t for t in inside if not t[0] and t[2] == 15]
        assert len(headings) == 1 and lines
        heading_y, heading_size = headings[0][1], headings[0][2]
        first_y, first_size = min(t[1] for t in lines), 15
        # The heading's descenders (~0.25 em) end above the next line's
        # ascenders (~0.8 em), with at least 4 px between them.
        assert heading_y + 0.25 * heading_size + 4 <= first_y - 0.8 * first_size
        # The heading starts inside the box, the last line ends inside it.
        assert heading_y - 0.8 * heading_size > top
        assert max(t[1] for t in lines) + 0.25 * first_size < top + height
