"""The guided editor: the magazine's five questions as steps.

Each step edits one part ("block") of the change story with a formset. The
posted rows are turned back into block items (plain dicts); the block is put
into the whole story document and saved through the service. When someone
else saved in the meantime, ``merge_rows`` lines up their items and yours so
the person can choose per item; nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import formset_factory
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from collectief.changestories.forms import (
    ApproachForm,
    ContributionForm,
    EffectForm,
    IndicatorForm,
    TargetGroupForm,
)
from collectief.changestories.models import IndicatorKind, Level
from collectief.changestories.services import effect_label, indicator_label


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    question: str | Promise
    intro: str | Promise
    block: str  # target_groups, contributions, approaches, effects, indicators


STEPS = [
    Step(
        1,
        "doelgroep",
        _("Who is your target group?"),
        _(
            "For whom do you do this? Think of the neighbourhood where people live, or a "
            "group of residents. Pick an example or write your own."
        ),
        "target_groups",
    ),
    Step(
        2,
        "bereiken",
        _("What do you want to achieve?"),
        _(
            "What do you want to achieve for and with residents? These are the big aims. "
            "Your initiative helps with them, but cannot do it alone. On the poster they "
            "are under “contributes indirectly to”."
        ),
        "contributions",
    ),
    Step(
        3,
        "aanpak",
        _("Which activities, approach and attitude?"),
        _(
            "What do you do, how do you work and how do you treat people? Write down what "
            "makes your initiative work."
        ),
        "approaches",
    ),
    Step(
        4,
        "veranderen",
        _("What do you see change?"),
        _(
            "What changes for your target group because of your initiative? These are your "
            "direct effects. Say for whom it changes: one person (individual), a group, or "
            "the whole neighbourhood. Then tick which approach helps, and what it "
            "contributes to."
        ),
        "effects",
    ),
    Step(
        5,
        "merken",
        _("How do you see or notice it?"),
        _(
            "For each effect: how do you see or notice in practice that it happens? This is "
            "an indicator. For example a statement for a short questionnaire, a story or "
            "something you see happen."
        ),
        "indicators",
    ),
]

STEP_BY_NUMBER = {s.number: s for s in STEPS}

# Examples from the three veranderverhalen in the magazine (p. 32-33, 40-41, 44-45).
EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "target_groups": [
        {"text": "Bewoners van de Leidsebuurt Haarlem"},
        {"text": "Bewoners van Buitenoord in Barendrecht"},
        {"text": "Bewoners van de wijk Haagse Beemden, Breda"},
    ],
    "contributions": [
        {"text": "Meer sociale cohesie in de wijk"},
        {"text": "Eenzaamheid onder wijkbewoners is verminderd"},
        {"text": "De leefbaarheid van de wijk is vergroot"},
        {"text": "Sociale veiligheid wordt vergroot"},
        {"text": "Samenredzaamheid in de buurt wordt vergroot"},
        {"text": "Er ontstaat een inclusieve wijk"},
        {
            "text": "Zingeving. Bewoners ervaren dat ze er mogen zijn, ontwikkelen zich en zetten zich in"
        },
        {"text": "Besparing zorgkosten. Door preventie en voorkomen van terugval"},
    ],
    "approaches": [
        {"text": "Het stimuleren van het gezamenlijk organiseren en uitvoeren van activiteiten"},
        {"text": "Talenten en interesses van bewoners benutten als uitgangspunt"},
        {"text": "Creëren van randvoorwaarden voor informele ontmoetingen"},
        {"text": "ABCD: iedereen is welkom en kan bijdragen naar eigen vermogen"},
        {"text": "Weinig formalisering"},
        {"text": "De kringloop en de locatie faciliteren ontmoeting"},
        {"text": "Ruimte voor en samenwerking met initiatieven en organisaties van buiten"},
    ],
    "effects": [
        {
            "name": "VERBONDENHEID",
            "description": "Wijkbewoners voelen zich verbonden met elkaar",
            "level": Level.NEIGHBOURHOOD,
        },
        {
            "name": "STEUNEND NETWERK",
            "description": "Wijkbewoners die samen een activiteit hebben opgezet helpen elkaar",
            "level": Level.GROUP,
        },
        {
            "name": "EMPOWERMENT",
            "description": "Wijkbewoners ervaren meer zelfvertrouwen",
            "level": Level.INDIVIDUAL,
        },
        {
            "name": "(HER)KENNEN",
            "description": "Buurtbewoners (her)kennen elkaar",
            "level": Level.NEIGHBOURHOOD,
        },
        {
            "name": "TALENTEN",
            "description": "Bewoners ontwikkelen hun talenten en zetten deze (samen) in",
            "level": Level.INDIVIDUAL,
        },
    ],
    "indicators": [
        {
            "text": "Stelling: door de activiteiten ken ik andere buurtbewoners",
            "kind": IndicatorKind.STATEMENT,
        },
        {
            "text": "Stelling: door de activiteiten maak ik vaker een praatje met mensen uit de buurt",
            "kind": IndicatorKind.STATEMENT,
        },
        {
            "text": "Stelling: ik vraag vaker hulp en advies aan mensen uit de buurt",
            "kind": IndicatorKind.STATEMENT,
        },
        {
            "text": "Stelling: ik ben zelfverzekerder geworden over mijn kwaliteiten",
            "kind": IndicatorKind.STATEMENT,
        },
        {
            "text": "Verhalen van bewoners over nieuwe contacten, zoals met de onderbuurman",
            "kind": IndicatorKind.STORY,
        },
        {
            "text": "Wat we zien: mensen die elkaar anders niet ontmoeten, praten met elkaar",
            "kind": IndicatorKind.STORY,
        },
        {
            "text": "Vervangingswaarde: wat zou het kosten als het initiatief er niet was?",
            "kind": IndicatorKind.FINANCIAL,
        },
    ],
}

TEXT_FORMS: dict[str, type[forms.Form]] = {
    "target_groups": TargetGroupForm,
    "contributions": ContributionForm,
    "approaches": ApproachForm,
}

FIELDS = {
    "target_groups": ("id", "text"),
    "contributions": ("id", "text"),
    "approaches": ("id", "text"),
    "effects": ("id", "name", "description", "level", "approaches", "contributions"),
    "indicators": ("id", "effect", "text", "kind"),
}
LIST_FIELDS = ("approaches", "contributions")


# -- blocks ------------------------------------------------------------------------


def block_items(content: dict[str, Any], block: str) -> list[dict[str, Any]]:
    """The items of one step, as rows for its formset."""
    if block in TEXT_FORMS:
        return [dict(item) for item in content[block]]
    if block == "effects":
        return [
            {
                "id": effect["id"],
                "name": effect["name"],
                "description": effect["description"],
                "level": effect["level"],
                "approaches": [
                    link["from"] for link in content["links"] if link["to"] == effect["id"]
                ],
                "contributions": [
                    link["to"] for link in content["links"] if link["from"] == effect["id"]
                ],
            }
            for effect in content["effects"]
        ]
    return [
        {"effect": effect["id"], **indicator}
        for effect in content["effects"]
        for indicator in effect["indicators"]
    ]


def content_with_block(
    content: dict[str, Any], block: str, items: list[dict[str, Any]]
) -> dict[str, Any]:
    """A copy of the story document with one block replaced by ``items``."""
    new = {k: list(v) for k, v in content.items()}
    if block in TEXT_FORMS:
        new[block] = [{"id": i.get("id", ""), "text": i["text"]} for i in items]
        ids = {i["id"] for i in new[block] if i["id"]}
        if block == "approaches":
            effect_ids = {e["id"] for e in content["effects"]}
            new["links"] = [
                link
                for link in content["links"]
                if link["to"] not in effect_ids or link["from"] in ids
            ]
        if block == "contributions":
            contribution_ids = {c["id"] for c in content["contributions"]}
            new["links"] = [
                link
                for link in content["links"]
                if link["to"] not in contribution_ids or link["to"] in ids
            ]
        return new
    if block == "effects":
        indicators = {e["id"]: e["indicators"] for e in content["effects"]}
        approach_ids = {a["id"] for a in content["approaches"]}
        contribution_ids = {c["id"] for c in content["contributions"]}
        effects, links = [], []
        for number, item in enumerate(items):
            key = item.get("id") or f"~{number + 1}"
            effects.append(
                {
                    "id": key,
                    "name": item.get("name", ""),
                    "description": item["description"],
                    "level": item["level"],
                    "indicators": indicators.get(key, []),
                }
            )
            links += [
                {"from": a, "to": key} for a in item.get("approaches", []) if a in approach_ids
            ]
            links += [
                {"from": key, "to": c}
                for c in item.get("contributions", [])
                if c in contribution_ids
            ]
        new["effects"] = effects
        new["links"] = links
        return new
    new["effects"] = [
        {
            **effect,
            "indicators": [
                {"id": i.get("id", ""), "text": i["text"], "kind": i["kind"]}
                for i in items
                if i.get("effect") == effect["id"]
            ],
        }
        for effect in content["effects"]
    ]
    return new


def describe(block: str, item: dict[str, Any], content: dict[str, Any]) -> str:
    """One item in words, for the merge screen."""
    if block in TEXT_FORMS:
        return str(item.get("text", ""))
    if block == "effects":
        text = effect_label(item)
        labels = {a["id"]: a["text"] for a in content["approaches"]}
        labels.update({c["id"]: c["text"] for c in content["contributions"]})
        linked = [
            labels[k]
            for k in [*item.get("approaches", []), *item.get("contributions", [])]
            if k in labels
        ]
        return f"{text}; {', '.join(linked)}" if linked else text
    return indicator_label(item)


def comparable(block: str, item: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        sorted(item.get(f, [])) if f in LIST_FIELDS else item.get(f, "")
        for f in FIELDS[block]
        if f != "id"
    )


# -- formsets ----------------------------------------------------------------------


def formset_class(block: str, extra: int) -> Any:
    form = TEXT_FORMS.get(block) or (EffectForm if block == "effects" else IndicatorForm)
    return formset_factory(form, extra=extra, can_delete=True)


def choices(content: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    return {
        "approach_choices": [(a["id"], a["text"]) for a in content["approaches"]],
        "contribution_choices": [(c["id"], c["text"]) for c in content["contributions"]],
    }


def build_formsets(
    block: str,
    content: dict[str, Any],
    *,
    data: QueryDict | None = None,
    rows: list[dict[str, Any]] | None = None,
    extra_for: str | None = None,
) -> list[tuple[dict[str, Any] | None, Any]]:
    """The step's formsets: one for most steps, one per effect in step 5.

    Returns (effect or None, formset) pairs. With ``data`` the formsets are
    bound (a save); otherwise they show ``rows`` (or the saved items), with
    an empty row for a new item, and one more in the formset ``extra_for``.
    """
    if rows is None:
        rows = block_items(content, block)
    kwargs = choices(content) if block == "effects" else {}
    groups: list[tuple[dict[str, Any] | None, str, list[dict[str, Any]]]]
    if block == "indicators":
        groups = [
            (e, f"ind-{e['id']}", [r for r in rows if r.get("effect") == e["id"]])
            for e in content["effects"]
        ]
    else:
        groups = [(None, "items", rows)]
    result = []
    for effect, prefix, group_rows in groups:
        extra = 1 + (1 if extra_for == prefix else 0)
        if block == "indicators":
            extra = (1 if not group_rows else 0) + (1 if extra_for == prefix else 0)
        cls = formset_class(block, extra)
        if data is not None:
            formset = cls(data, prefix=prefix, form_kwargs=kwargs)
        else:
            initial = [{**r, "effect": effect["id"]} if effect else r for r in group_rows]
            formset = cls(initial=initial, prefix=prefix, form_kwargs=kwargs)
            if effect is not None:
                for form in formset.forms:
                    form.initial.setdefault("effect", effect["id"])
        result.append((effect, formset))
    return result


def rows_from_post(block: str, data: QueryDict, content: dict[str, Any]) -> list[dict[str, Any]]:
    """What the person typed, without validating (to redraw the form)."""
    prefixes = (
        [f"ind-{e['id']}" for e in content["effects"]] if block == "indicators" else ["items"]
    )
    rows = []
    for prefix in prefixes:
        try:
            total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 200)
        except ValueError:
            total = 0
        for index in range(total):
            name = f"{prefix}-{index}-"
            row: dict[str, Any] = {}
            for f in FIELDS[block]:
                row[f] = data.getlist(name + f) if f in LIST_FIELDS else data.get(name + f, "")
            if block == "indicators":
                row["effect"] = prefix[4:]
            if data.get(name + "DELETE"):
                continue
            if any(v for k, v in row.items() if k not in ("id", "effect", "level", "kind")):
                rows.append(row)
    return rows


def rows_from_formsets(
    block: str, formsets: list[tuple[dict[str, Any] | None, Any]]
) -> tuple[list[dict[str, Any]], list[Any]] | None:
    """The valid rows and the form each came from, or None if a form has errors."""
    ok = True
    rows, sources = [], []
    for effect, formset in formsets:
        if not formset.is_valid():
            ok = False
            continue
        for form in formset.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            row = {f: data.get(f, [] if f in LIST_FIELDS else "") for f in FIELDS[block]}
            if effect is not None:
                row["effect"] = effect["id"]
            rows.append(row)
            sources.append(form)
    return (rows, sources) if ok else None


# -- merging after a conflict --------------------------------------------------------


@dataclass
class MergeRow:
    number: int
    mine: dict[str, Any] | None
    theirs: dict[str, Any] | None
    mine_text: str
    theirs_text: str

    @property
    def same(self) -> bool:
        return self.mine_text == self.theirs_text and self.mine is not None


def merge_rows(
    block: str,
    mine: list[dict[str, Any]],
    theirs_content: dict[str, Any],
) -> list[MergeRow]:
    """Line up your items and theirs by id, so the person can choose per item."""
    theirs = block_items(theirs_content, block)
    mine_by_id = {m["id"]: m for m in mine if m.get("id")}
    rows: list[MergeRow] = []
    used = set()
    for item in theirs:
        own = mine_by_id.get(item["id"])
        if own is not None:
            used.add(item["id"])
        rows.append(
            MergeRow(
                len(rows),
                own,
                item,
                describe(block, own, theirs_content) if own else "",
                describe(block, item, theirs_content),
            )
        )
        if own is not None and comparable(block, own) == comparable(block, item):
            rows[-1].mine_text = rows[-1].theirs_text
    for own in mine:
        if own.get("id") in used:
            continue
        rows.append(MergeRow(len(rows), own, None, describe(block, own, theirs_content), ""))
    return rows


def apply_choices(rows: list[MergeRow], data: QueryDict) -> list[dict[str, Any]]:
    """The merged block: per row, the person's choice (default: what you typed)."""
    result = []
    for row in rows:
        choice = data.get(f"choice-{row.number}", "mine" if row.mine is not None else "theirs")
        picked = row.theirs if choice == "theirs" else row.mine
        if choice == "none" or picked is None:
            continue
        result.append(picked)
    return result
