"""Template tags of reports: a table cell whose number links back to its source."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def report_cell(context: Any, cell: Any) -> str:
    """Text as is; a number as a link to its source page, with the source's
    number for the appendix (shown on paper only)."""
    if isinstance(cell, dict) and "number" in cell:
        base = context.get("link_base", "")
        return format_html(
            '<a class="report-number" href="{}{}">{}</a><sup class="report-ref">[{}]</sup>',
            base,
            cell["source_url"],
            cell["number"],
            cell.get("ref", ""),
        )
    return format_html("{}", cell)
