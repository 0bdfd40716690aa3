"""The poster fills exactly one page, A4 and A3, for every demo story and for long ones.

The page count is read from the PDF itself with pypdf. Long stories are
generated: up to 12 items in every layer with texts up to the 300 characters
the editor allows, and 12 highlighted figures. The SVG's geometry is read
from the SVG: a box heading never overlaps the first line under it.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from collectief.accounts.models import Organisation
from collectief.changestories import poster_fit, services
from collectief.changestories.checks import check_poster_room
from collectief.changestories.parts import StoryPart
from collectief.changestories.poster import poster_context, render_svg
from collectief.changestories.poster_pdf import PosterPdf, render_poster

DEMO = ("het-badhuis", "de-sleutel", "buurttuin-kempenaar")
CSS = Path(__file__).parents[1] / "static" / "changestories" / "poster.css"
HEIGHT = {"a4": 842, "a3": 1191}
SENTENCE = (
    "Bewoners die samen iets opzetten leren elkaar kennen en helpen elkaar daarna ook als "
    "het even tegenzit, in hun eigen leven en in de buurt, op momenten dat niemand het "
    "verwacht en juist dan wanneer het echt nodig is voor hen en voor de mensen om hen heen. "
)


@pytest.fixture(scope="module")
def _demo_rows(module_db: Any) -> None:
    """The full demo, loaded once for the module (each test's changes are rolled back)."""
    module_db(lambda: call_command("demo", "--force", "--no-logins", stdout=io.StringIO()))


@pytest.fixture
def demo(_demo_rows: None, db: None) -> None:
    pass


def long_content(items: int, length: int = 80) -> dict[str, Any]:
    def text(label: str, i: int) -> str:
        return f"{label} {i}: {SENTENCE * 2}"[:length].strip()

    return {
        "target_groups": [{"id": "", "text": text("Doelgroep", i)} for i in range(items)],
        "approaches": [{"id": "", "text": text("Aanpak", i)} for i in range(items)],
        "effects": [
            {
                "id": "",
                "name": f"EFFECT {i}",
                "description": text("Effect", i),
                "level": "wijk",
                "indicators": [],
            }
            for i in range(items)
        ],
        "contributions": [{"id": "", "text": text("Bijdrage", i)} for i in range(items)],
        "links": [],
    }


@pytest.fixture
def twelve_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve highlighted figures on the poster, as the figures app gives them.

    A stand-in for the figures app's part (this app must not import it: the
    figures app builds on change stories).
    """
    figures = [
        {
            "value": str(10 + i),
            "unit": "",
            "label": f"deelnemers aan activiteit nummer {i} in de wijk",
            "period": "per maand" if i % 2 else "in 2024",
        }
        for i in range(12)
    ]
    part = StoryPart(
        key="figures", export=list, import_items=list, poster_figures=lambda _org: figures
    )
    monkeypatch.setattr("collectief.changestories.poster.story_parts", lambda: [part])


def long_story(items: int, length: int) -> Organisation:
    organisation = Organisation.objects.get(slug="het-badhuis")
    services.save_change_story(organisation, long_content(items, length), by=None)
    return organisation


def body_size(pdf: bytes) -> float:
    """The type size (pt on paper) of most of the poster's characters, read from the PDF."""
    counts: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if text.strip():
            counts[round(size * abs(tm[3]) * abs(cm[3]), 2)] += len(text)

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return counts.most_common(1)[0][0]


def one_page(result: PosterPdf, size: str) -> str:
    reader = PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.height)) == HEIGHT[size]
    return " ".join(reader.pages[0].extract_text().split())


def test_every_demo_poster_is_one_page_a3_type_larger(demo: None) -> None:
    for slug in DEMO:
        story = services.get_story(Organisation.objects.get(slug=slug))
        a4, a3 = render_poster(story, "a4"), render_poster(story, "a3")
        for result, size in ((a4, "a4"), (a3, "a3")):
            text = one_page(result, size)
            assert "DOELGROEP" in text and "DRAAGT INDIRECT BIJ AAN" in text, slug
            assert result.scale == 1.0, slug  # well within the limit
        # The demo stories are short: the roomiest type, figures below the layers.
        assert a4.level == 0 and body_size(a4.pdf) == a4.body_pt == 11.0, slug
        # A3: the same layout, the type 1.41 times larger (read from the PDF).
        assert a3.level == a4.level
        assert body_size(a3.pdf) == a3.body_pt > a4.body_pt * 1.4, slug


@pytest.mark.parametrize(
    ("items", "length"),
    [(6, 150), (12, 60), (12, 300)],
    ids=["6-items-150-chars", "12-items-60-chars", "12-items-300-chars"],
)
def test_long_story_is_one_page_on_a4_and_a3(
    demo: None, twelve_figures: None, items: int, length: int
) -> None:
    story = services.get_story(long_story(items, length))
    assert len(poster_context(story)["figures"]) == 12
    results = {size: render_poster(story, size) for size in ("a4", "a3")}
    for size, result in results.items():
        text = one_page(result, size)
        # Nothing is cut off: the last item of every layer and the last figure are there.
        for last in (f"Bijdrage {items - 1}", f"EFFECT {items - 1}", f"Doelgroep {items - 1}"):
            assert last in text, (size, last)
        assert "nummer 11 in de wijk" in text
        # Long stories put the figures beside the layers.
        assert result.columns
    a4, a3 = results["a4"], results["a3"]
    assert abs(body_size(a4.pdf) - a4.body_pt) < 0.05
    assert abs(body_size(a3.pdf) - a3.body_pt) < 0.05
    assert body_size(a3.pdf) > body_size(a4.pdf)


def test_type_shrinks_first_then_figures_move_beside(demo: None) -> None:
    organisation = Organisation.objects.get(slug="het-badhuis")
    levels = []
    for items in (2, 4, 5, 7):
        services.save_change_story(organisation, long_content(items, 90), by=None)
        result = render_poster(services.get_story(organisation), "a4")
        levels.append((result.level, result.columns, result.body_pt))
    assert levels == sorted(levels, key=lambda level: level[0])
    assert levels[0] == (0, False, 11.0)
    # Smaller type in one column comes before the column beside the layers.
    one_column = [level for level in levels if not level[1]]
    assert any(level[2] < 11 for level in one_column)
    assert levels[-1][1] and levels[-1][2] >= poster_fit.MIN_A4_PT


def test_the_limit_is_warned_before_it_is_reached(demo: None, twelve_figures: None) -> None:
    """Within the limit the type stays >= 7.5 pt; the editor warns before a story passes it.

    Past the limit the poster still prints on one page (the whole page is
    scaled down): never a half-empty second page.
    """
    organisation = Organisation.objects.get(slug="het-badhuis")
    seen_over = False
    for items, length in ((4, 80), (6, 100), (8, 100), (10, 120)):
        services.save_change_story(organisation, long_content(items, length), by=None)
        story = services.get_story(organisation)
        context = poster_context(story)
        result = render_poster(story, "a4")
        one_page(result, "a4")
        codes = {finding.code for finding in check_poster_room(context)}
        # The browser's print follows the model: it must never be roomier
        # than what WeasyPrint measured, and must zoom out when the PDF scales.
        assert context["fit"] >= result.level
        assert context["shrink"] > 0 or result.scale == 1.0
        if result.scale > 1:
            seen_over = True
            assert "poster_full" in codes, (items, length)
            assert poster_fit.usage(context) >= poster_fit.WARN_AT
        else:
            assert result.body_pt >= poster_fit.MIN_A4_PT
        if poster_fit.usage(context) < poster_fit.WARN_AT:
            assert not codes and result.scale == 1.0
    assert seen_over


def test_poster_room_check_in_dutch(demo: None, twelve_figures: None) -> None:
    organisation = long_story(12, 300)
    findings = check_poster_room(poster_context(services.get_story(organisation)))
    assert findings[0].message == "De poster is te vol voor goed leesbare letters."
    assert "kleiner dan 7,5 punt" in findings[0].advice
    assert [f.code for f in findings[1:]] == ["long_text"] * 3
    assert "Deze tekst is lang voor een poster" in findings[1].message


def test_css_type_sizes_match_the_levels_and_a3_is_larger() -> None:
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(), flags=re.S)
    sizes = {
        (paper, int(level or 0)): float(pt)
        for paper, level, pt in re.findall(
            r"\.poster--(a[34])(?:\.poster--fit-(\d))? \{ font-size: ([\d.]+)pt", css
        )
    }
    for level in range(len(poster_fit.LEVELS)):
        a4, a3 = sizes[("a4", level)], sizes[("a3", level)]
        assert a4 == poster_fit.font_pt(level, "a4")
        assert abs(a3 - poster_fit.font_pt(level, "a3")) < 0.01
        assert a3 > a4 * 1.4
    assert min(v for (paper, _), v in sizes.items() if paper == "a4") == poster_fit.MIN_A4_PT
    # WeasyPrint cannot read these; the poster stylesheet must not use them.
    assert "auto-fill" not in css and "min(" not in css and "zoom" not in css
    assert "grid-template-columns: repeat(3, 1fr)" in css


def _svg_layout(svg: str) -> tuple[list[tuple[float, float]], list[tuple[str, float, int]]]:
    boxes = [
        (float(y), float(h))
        for y, h in re.findall(r'<rect x="\d+" y="(\d+)" width="\d+" height="(\d+)" rx', svg)
    ]
    texts = [
        (kind, float(y), int(size))
        for y, size, kind in re.findall(
            r'<text x="\d+" y="(\d+)" font-size="(\d+)"( font-weight="700" fill="#[0-9a-f]{6}" '
            r"letter)?",
            svg,
        )
    ]
    return boxes, texts


@pytest.mark.parametrize("items", [2, 6])
def test_svg_headings_never_overlap_the_first_line(demo: None, items: int) -> None:
    organisation = Organisation.objects.get(slug="het-badhuis")
    services.save_change_story(organisation, long_content(items, 200), by=None)
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
        # heading y + height <= first line y: the heading's box (baseline plus
        # descenders, ~0.25 em) ends at least 4 px above the top of the first
        # line (its baseline minus the ascenders, ~0.8 em).
        assert heading_y + 0.25 * heading_size + 4 <= first_y - 0.8 * first_size
        # The heading starts inside the box, the last line ends inside it.
        assert heading_y - 0.8 * heading_size > top
        assert max(t[1] for t in lines) + 0.25 * first_size < top + height
