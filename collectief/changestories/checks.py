"""Helpful checks on a change story. They explain; they never block a save.

The checks follow the magazine's advice ("Effecten zichtbaar maken"): every
direct effect needs a sign that shows it (an indicator); a count of visitors
is output, not outcome; and be alert to what the initiative itself can
influence — wider aims belong under "draagt indirect bij aan".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.changestories.models import IndicatorKind

# A count: "aantal bezoekers", "hoeveel mensen", "number of visitors", "100 bezoekers".
COUNT_PATTERN = re.compile(
    r"^\s*(aantal|hoeveel|number of|totaal|\d+)\b|\baantal (bezoekers|deelnemers|activiteiten|"
    r"vrijwilligers|mensen|bewoners|kinderen|keer)\b",
    re.IGNORECASE,
)

# Words that point at something much bigger than one initiative.
WIDE_SCOPE_PATTERN = re.compile(
    r"\b(armoede|werkloosheid|criminaliteit|zorgkosten|de stad|hele stad|in de gemeente|"
    r"hele gemeente|nederland|landelijk|de samenleving|maatschappij|wereld|klimaat|"
    r"alle inwoners|iedereen in)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    code: str
    item_id: str
    subject: str
    message: str
    advice: str


def check_content(content: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    for effect in content.get("effects", []):
        subject = effect.get("name") or effect.get("description", "")
        indicators = effect.get("indicators", [])
        if not indicators:
            findings.append(
                Finding(
                    "no_indicator",
                    effect["id"],
                    subject,
                    _("This direct effect has no indicator yet."),
                    _(
                        "Without a sign you cannot show that the effect happens. Add at "
                        "least one, for example a statement for a short questionnaire, or a "
                        "story or observation. Go to step 5."
                    ),
                )
            )
        counts = [
            i
            for i in indicators
            if i.get("kind") != IndicatorKind.FINANCIAL and COUNT_PATTERN.search(i.get("text", ""))
        ]
        findings.extend(
            Finding(
                "output_as_outcome",
                indicator["id"],
                indicator["text"],
                _("This looks like a count (output), not a change (outcome)."),
                _(
                    "A count shows how many people take part, not what changes for "
                    "them. Keep the count in facts and figures, and add a sign of "
                    "change here, for example the statement “Through the activities "
                    "I know more people in the neighbourhood”."
                ),
            )
            for indicator in counts
        )
        if indicators and all(i.get("kind") == IndicatorKind.OUTPUT for i in indicators):
            findings.append(
                Finding(
                    "only_output",
                    effect["id"],
                    subject,
                    _("This effect is only measured with output figures."),
                    _(
                        "Figures show what you do. Add a sign that shows what changes for "
                        "people: a statement, a story or an observation."
                    ),
                )
            )
        text = f"{effect.get('name', '')} {effect.get('description', '')}"
        if WIDE_SCOPE_PATTERN.search(text):
            findings.append(
                Finding(
                    "out_of_reach",
                    effect["id"],
                    subject,
                    _("Can your initiative really change this by itself?"),
                    _(
                        "This sounds bigger than what one initiative can influence, such as "
                        "less poverty in the whole city. Many other things play a part too. "
                        "Put it under “contributes indirectly to”, and describe here what "
                        "you see change for your own target group."
                    ),
                )
            )
    return findings


# Items longer than this are named when the poster gets full: they are the
# ones to shorten first.
LONG_TEXT = 120


def check_poster_room(context: dict[str, Any]) -> list[Finding]:
    """Warn before the poster is too full for readable type (poster_fit.usage).

    From ``WARN_AT`` of the limit on, the tip says so and names the longest
    texts; past the limit it says the printed type will be smaller than the
    smallest size we allow.
    """
    from collectief.changestories import poster_fit

    share = poster_fit.usage(context)
    if share < poster_fit.WARN_AT:
        return []
    content = context["content"]
    texts = [
        *((item["id"], item["text"]) for item in content["target_groups"]),
        *((item["id"], item["text"]) for item in content["approaches"]),
        *((effect["id"], effect["description"]) for effect in content["effects"]),
        *((item["id"], item["text"]) for item in content["contributions"]),
    ]
    longest = sorted((t for t in texts if len(t[1]) > LONG_TEXT), key=lambda t: -len(t[1]))
    if share >= 1:
        message = _("The poster is too full for readable letters.")
        advice = _(
            "It still prints on one page, but the letters get smaller than %(pt)s points. "
            "Make texts shorter or leave items out."
        ) % {"pt": f"{poster_fit.MIN_A4_PT:g}".replace(".", ",")}
    else:
        message = _("The poster is almost full.")
        advice = _(
            "With more or longer texts the letters on the poster get too small. "
            "Keep each item to one short sentence."
        )
    findings = [Finding("poster_full", "", _("Poster"), message, advice)]
    findings.extend(
        Finding(
            "long_text",
            item_id,
            text[:60] + "…",
            ngettext(
                "This text is long for a poster (%(n)s character).",
                "This text is long for a poster (%(n)s characters).",
                len(text),
            )
            % {"n": len(text)},
            _("Try to say it in at most %(max)s characters.") % {"max": LONG_TEXT},
        )
        for item_id, text in longest[:3]
    )
    return findings
