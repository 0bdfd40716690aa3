"""Parts that apps above this one add to a change story.

An app that keeps something belonging to an organisation's change story
(figures: the facts & figures) gives its AppConfig a ``changestory_parts``
list of StoryPart. The JSON export and import and the poster collect them
the way ``web`` collects menu items, so this app imports nothing from the
apps that build on it and the import graph has no cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class StoryPart:
    # The key in the JSON export ("figures"); its value is a list.
    key: str
    # organisation -> the JSON-ready items of the export.
    export: Callable[[Any], list[dict[str, Any]]]
    # (organisation, items, *, by, path) -> None; raises a ServiceError that
    # names every problem with its JSON path. Runs inside the import's
    # transaction, so a problem also undoes the story.
    import_items: Callable[..., Any]
    # organisation -> numbers on the poster, each a dict with
    # "value", "unit", "label" and "period" in words.
    poster_figures: Callable[[Any], list[dict[str, str]]] | None = None
    # organisation -> the items anonymous readers of the API get: exactly
    # what the public poster shows (figures: only the highlighted ones).
    # None: the part is left out of the public answer.
    public_export: Callable[[Any], list[dict[str, Any]]] | None = None


def story_parts() -> list[StoryPart]:
    return [
        part
        for config in apps.get_app_configs()
        for part in getattr(config, "changestory_parts", [])
    ]
