"""The report as HTML (web page, frozen version, file) and as PDF (WeasyPrint).

One template renders the report's body for every output. On the web page
the stylesheets are linked (the CSP allows no inline styles); the file and
the PDF get them inline. The PDF uses the print stylesheet: A4, page
numbers, a table of contents with page numbers (``target-counter``), no
heading at the bottom of a page and no table row split over two pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from collectief.changestories.poster import DEFAULT_COLOUR
from collectief.changestories.poster import colour_css as poster_colour_css
from collectief.changestories.poster import palette as poster_palette
from collectief.changestories.services import get_story
from collectief.lib.contrast import is_hex_colour, readable_colour, text_on
from collectief.reports.models import Report
from collectief.reports.sections import ReportDocument

STATIC = Path(__file__).parent / "static" / "reports"
POSTER_CSS = (
    Path(__file__).parent.parent / "changestories" / "static" / "changestories" / "poster.css"
)
# Paper and light tints the report's colour is used on as text.
_BACKGROUNDS = ("#ffffff", "#f3f5f4")


def colours(report: Report) -> dict[str, str]:
    """The report's colours, all WCAG AA: its own colour (or the poster's), the
    text on it (white or black), and ``ink``: the colour made dark enough for
    headings on paper. A stored colour is already checked; the poster's colour
    is corrected here rather than refused."""
    story = get_story(report.organisation)
    base = report.colour or (story.colour if story.pk else "") or DEFAULT_COLOUR
    base = base.lower() if is_hex_colour(base) else DEFAULT_COLOUR
    return {
        "colour": base,
        "on_colour": text_on(base),
        "ink": readable_colour(base, _BACKGROUNDS),
        "poster": poster_palette(story.colour if story.pk else base)["colour"],
    }


def colour_css(values: dict[str, str]) -> str:
    """Custom properties for the report and the poster inside it (validated colours only)."""
    for key in ("colour", "on_colour", "ink"):
        if not is_hex_colour(values.get(key, "")):
            values = {**values, key: DEFAULT_COLOUR if key != "on_colour" else "#ffffff"}
    return (
        ".report { "
        f"--report-colour: {values['colour']}; "
        f"--report-on-colour: {values['on_colour']}; "
        f"--report-ink: {values['ink']}; "
        "}\n" + poster_colour_css(poster_palette(values.get("poster") or values["colour"]))
    )


def render_body(document: ReportDocument, template: str, *, link_base: str = "") -> str:
    """The report's body (cover, contents, sections, sources) as HTML."""
    return render_to_string(
        "reports/_document.html",
        {
            "document": document,
            "template": template,
            "link_base": link_base,
        },
    )


def stylesheets(*, for_pdf: bool) -> str:
    css = (STATIC / "report.css").read_text(encoding="utf-8")
    css += POSTER_CSS.read_text(encoding="utf-8")
    if for_pdf:
        css += (STATIC / "report-print.css").read_text(encoding="utf-8")
    return css


def standalone_html(body: str, *, title: str, colour_values: dict[str, str]) -> str:
    """A complete HTML file with the styles inline (the CLI's --format html)."""
    css = (
        stylesheets(for_pdf=False)
        + (STATIC / "report-screen.css").read_text(encoding="utf-8")
        + POSTER_CSS.with_name("poster-browser.css").read_text(encoding="utf-8")
        + "@media print {\n"
        + (STATIC / "report-print.css").read_text(encoding="utf-8")
        + "\n}\n"
        + colour_css(colour_values)
    )
    return render_to_string(
        "reports/standalone.html",
        {"body": mark_safe(body), "title": title, "css": mark_safe(css)},
    )


def site_links(document: ReportDocument, template: str) -> str:
    """The body with absolute links (for files and PDFs read outside the site)."""
    return render_body(document, template, link_base=settings.SITE_URL)


def absolute_links(html: str) -> str:
    """A stored version's site-relative links made absolute (for a PDF read anywhere)."""
    return html.replace('href="/', f'href="{settings.SITE_URL}/').replace(
        '">/', f'">{settings.SITE_URL}/'
    )


def render_pdf(body: str, *, title: str, colour_values: dict[str, str]) -> Any:
    """The report as a laid-out WeasyPrint document (call ``write_pdf()`` for the bytes)."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "reports/pdf.html",
        {"body": mark_safe(body), "title": title},
    )
    css = CSS(string=stylesheets(for_pdf=True) + colour_css(colour_values))
    return HTML(string=html, base_url=str(STATIC)).render(stylesheets=[css])
