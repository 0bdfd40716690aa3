"""Geometry of the stacked bar chart on the results page (server-rendered SVG).

One row per statement: a short label above a bar that runs from "strongly
disagree" (left) to "strongly agree" (right), each segment the share of the
valid answers, with the percentage written inside when the segment is wide
enough. The SVG has a fixed viewBox (``WIDTH`` wide, ``ROW`` per statement)
and scales proportionally; surveys.css makes the labels larger and shorter on
narrow screens so they stay readable at 320 px.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

WIDTH = 640
ROW = 72  # label line + bar + gap, in viewBox units
LABEL_BASELINE = 26
BAR_TOP = 36
BAR_HEIGHT = 30
PADDING = 2
# Colours of the five answers, from "helemaal oneens" to "helemaal eens" (a
# diverging palette that keeps its contrast for colour-blind readers), with a
# text colour that has at least 4.5:1 contrast on each.
COLOURS = ["#b2182b", "#ef8a62", "#bdbdbd", "#67a9cf", "#2166ac"]
TEXT_COLOURS = ["#ffffff", "#000000", "#000000", "#000000", "#ffffff"]
MIN_LABEL_SHARE = 8.0  # percent: narrower segments carry no number
LONG_LABEL = 75
SHORT_LABEL = 30


@dataclass
class Segment:
    label: str
    pct: float
    x: float
    width: float
    colour: str
    text_colour: str

    @property
    def show_pct(self) -> bool:
        return self.pct >= MIN_LABEL_SHARE

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass
class ChartRow:
    code: str
    label: str
    short_label: str
    text: str
    y: int
    segments: list[Segment] = field(default_factory=list)

    @property
    def label_y(self) -> int:
        return self.y + LABEL_BASELINE

    @property
    def bar_y(self) -> int:
        return self.y + BAR_TOP

    @property
    def text_y(self) -> float:
        return self.y + BAR_TOP + BAR_HEIGHT / 2


@dataclass
class Chart:
    rows: list[ChartRow]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return ROW * len(self.rows) + PADDING


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


# "Door de activiteiten in het Badhuis ", "Door het organiseren van activiteiten in het
# Badhuis ", "Door het Badhuis ": the lead of statements made from a change story.
_PLACE_LEAD = re.compile(
    r"^door (?:de activiteiten |het organiseren van activiteiten )?(?:in |van |bij )?"
    r"(?:het |de )?(\w+) ",
    re.IGNORECASE,
)


def _place_leads(texts: list[str]) -> list[int] | None:
    """Per statement the length of its "Door … <place>" lead, when all name the same place."""
    matches = [_PLACE_LEAD.match(t) for t in texts]
    if len(texts) < 2 or any(m is None for m in matches):
        return None
    places = {m.group(1).lower() for m in matches if m}
    if len(places) != 1:
        return None
    return [m.end() for m in matches if m]


def _common_lead(texts: list[str]) -> int:
    """Number of leading words all statements share (e.g. "Ik vind dat …")."""
    if len(texts) < 2:
        return 0
    words = [t.split() for t in texts]
    shared = 0
    for column in zip(*words, strict=False):
        if len(set(column)) != 1:
            break
        shared += 1
    shortest = min(len(w) for w in words)
    # Keep at least two words of every statement, and only strip a real lead.
    shared = min(shared, shortest - 2)
    return shared if shared >= 3 else 0


def stacked_bar_chart(questions: list[Any]) -> Chart:
    """Rows for ``QuestionResult`` objects of Likert statements."""
    texts = [q.text for q in questions]
    place_leads = _place_leads(texts)
    lead = 0 if place_leads else _common_lead(texts)
    rows = []
    x0, span = PADDING / 2, WIDTH - PADDING
    for index, q in enumerate(questions):
        if place_leads:
            body = q.text[place_leads[index] :]
        else:
            body = " ".join(q.text.split()[lead:]) if lead else q.text
        prefix = "… " if (lead or place_leads) else ""
        row = ChartRow(
            code=q.code,
            label=prefix + _truncate(body, LONG_LABEL - len(prefix)),
            short_label=prefix + _truncate(body, SHORT_LABEL - len(prefix)),
            text=q.text,
            y=index * ROW + PADDING // 2,
        )
        x = x0
        for segment in q.bar_segments():
            pct = float(segment["pct"])
            width = span * pct / 100.0
            if width > 0:
                colour_index = segment["index"] % len(COLOURS)
                row.segments.append(
                    Segment(
                        label=segment["label"],
                        pct=pct,
                        x=round(x, 2),
                        width=round(width, 2),
                        colour=COLOURS[colour_index],
                        text_colour=TEXT_COLOURS[colour_index],
                    )
                )
            x += width
        rows.append(row)
    return Chart(rows)
