"""A theme ranked on every source it has (CBS counts, beschikkingen), the same by every route.

Page, download, command line and API call ``theme_ranking``; the data
(``counted`` in conftest) has counts under every threshold, and none of them
may show by any route.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from collectief.insights.theme_ranking import theme_ranking, theme_rankings

pytestmark = pytest.mark.django_db

ROW_KEYS = {"area", "observed", "expected", "ratio", "ci95", "smoothed", "call"}
# The true counts under the thresholds (or unrounded) in ``counted``.
HIDDEN = {7, 8, 2, 3, 12, 91}


def run(*args: str) -> str:
    out = StringIO()
    call_command("wijkbeeld", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def api(client: Any, headers: Any, **query: str) -> Any:
    url = reverse("api:wijkbeeld_ranking", args=["own-org", "GM0489"])
    return client.get(url, query, **headers)


def check_rows(rows: list[dict[str, Any]]) -> None:
    """The documented shape, and nothing below the thresholds."""
    assert rows
    for row in rows:
        assert set(row) == ROW_KEYS
        assert row["call"] in {"hoger", "lager", "niet te zeggen"}
        observed = row["observed"]
        assert observed == "<10" or (isinstance(observed, int) and observed % 5 == 0), row
        assert observed not in HIDDEN
        if observed == "<10":
            assert row["ratio"] is None and row["ci95"] is None and row["smoothed"] is None
            assert row["call"] == "niet te zeggen"


def test_a_theme_has_its_cbs_count_and_its_beschikkingen(counted: Any, themes: Any) -> None:
    gemeente = counted["gemeente"]
    found = theme_rankings(gemeente, themes["geldzorgen-en-schulden"])
    assert [(r.kind, r.source) for r in found] == [
        ("cbs", "cbs"),
        ("beschikkingen", "schuldhulpverlening"),
    ]
    assert found[1].title == "Beschikkingen: Schuldhulpverlening"
    # Ontmoeting has no CBS count: its beschikkingen of dagbesteding are its only source.
    only = theme_ranking(gemeente, themes["ontmoeting"])
    assert (only.kind, only.source, only.year) == ("beschikkingen", "wmo-dagbesteding", 2024)
    small = {r.area.code: r for r in only.rows}
    assert small["WK048903"].observed.text == "<10"
    assert small["WK048901"].call == "hoger"


def test_cli_ranks_a_theme_that_has_only_beschikkingen(counted: Any) -> None:
    data = json.loads(run("ranking", "GM0489", "--theme", "ontmoeting", "--format", "json"))
    assert set(data) == {"rows"}
    check_rows(data["rows"])
    rows = {row["area"]: row for row in data["rows"]}
    assert rows["WK048901"]["observed"] == 90
    assert rows["WK048901"]["call"] == "hoger"
    assert rows["WK048903"]["observed"] == "<10"
    assert rows["WK048904"]["observed"] == "<10"
    text = run("ranking", "GM0489", "--theme", "ontmoeting")
    assert "Beschikkingen: Dagbesteding in Barendrecht, 2024" in text
    assert "In Buitenoord komen beschikkingen voor dagbesteding ongeveer" in text


def test_cli_chooses_the_source(counted: Any) -> None:
    cbs = json.loads(
        run("ranking", "GM0489", "--theme", "geldzorgen-en-schulden", "--format", "json")
    )
    check_rows(cbs["rows"])
    assert {r["area"]: r["observed"] for r in cbs["rows"]}["WK048901"] == 90  # of 91
    beschikkingen = json.loads(
        run(
            "ranking",
            "GM0489",
            "--theme",
            "geldzorgen-en-schulden",
            "--source",
            "schuldhulpverlening",
            "--format",
            "json",
        )
    )
    check_rows(beschikkingen["rows"])
    assert {r["area"]: r["observed"] for r in beschikkingen["rows"]} == {
        "WK048901": 10,  # of 12
        "WK048902": 40,
    }
    explicit = run(
        "ranking",
        "GM0489",
        "--theme",
        "geldzorgen-en-schulden",
        "--source",
        "cbs",
        "--format",
        "json",
    )
    assert json.loads(explicit) == cbs


def test_cli_bad_source(counted: Any) -> None:
    with pytest.raises(CommandError) as error:
        run("ranking", "GM0489", "--theme", "ontmoeting", "--source", "jeugd-ggz")
    assert "Het thema Ontmoeting heeft in deze gemeente geen cijfers uit 'jeugd-ggz'" in str(
        error.value
    )
    assert "Wel uit: wmo-dagbesteding." in str(error.value)


def test_api_ranks_beschikkingen_with_the_same_rows_as_the_cli(
    client: Any, api_auth: Any, reader: Any, counted: Any
) -> None:
    headers = api_auth(reader)
    response = api(client, headers, theme="ontmoeting")
    assert response.status_code == 200
    assert set(response.json()) == {"rows"}
    check_rows(response.json()["rows"])
    cli = json.loads(run("ranking", "GM0489", "--theme", "ontmoeting", "--format", "json"))
    assert response.json() == cli
    chosen = api(client, headers, theme="geldzorgen-en-schulden", source="schuldhulpverlening")
    assert chosen.status_code == 200
    check_rows(chosen.json()["rows"])
    assert {r["area"] for r in chosen.json()["rows"]} == {"WK048901", "WK048902"}


def test_api_bad_source_is_a_400_on_the_field(
    client: Any, api_auth: Any, reader: Any, counted: Any
) -> None:
    response = api(client, api_auth(reader), theme="ontmoeting", source="bestaat-niet")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == ["source"]


def test_api_source_is_documented(client: Any) -> None:
    document = client.get(reverse("api:openapi")).json()
    ranking = document["paths"]["/api/v1/organisations/{slug}/wijkbeeld/gemeenten/{code}/ranking/"]
    source = next(p for p in ranking["get"]["parameters"] if p["name"] == "source")
    assert source["required"] is False


def test_the_theme_page_shows_every_source_without_small_counts(
    client_for: Any, reader: Any, counted: Any
) -> None:
    client = client_for(reader)
    url = reverse("insights:theme", args=["own-org", "GM0489", "geldzorgen-en-schulden"])
    html = client.get(url).content.decode()
    assert 'id="theme-caption-cbs"' in html
    assert 'id="theme-caption-schuldhulpverlening"' in html
    assert html.count('<svg class="funnel"') == 2
    only = client.get(
        reverse("insights:theme", args=["own-org", "GM0489", "ontmoeting"])
    ).content.decode()
    assert 'id="theme-caption-wmo-dagbesteding"' in only
    for page in (html, only):
        counted_cells = re.findall(
            r'</a></th>\s*<td class="numeric">([^<]*)</td>', page, flags=re.S
        )
        assert counted_cells
        for cell in counted_cells:
            assert cell == "&lt;10" or (int(cell) >= 10 and int(cell) % 5 == 0), cell


def test_the_gemeente_page_links_to_themes_with_only_beschikkingen(
    client_for: Any, reader: Any, counted: Any
) -> None:
    html = client_for(reader).get(reverse("insights:gemeente", args=["own-org", "GM0489"]))
    theme = reverse("insights:theme", args=["own-org", "GM0489", "ontmoeting"])
    assert f'href="{theme}"' in html.content.decode()


# --- CBS counts of people: the same disclosure on the wijk page, in show and in the API -----


def test_cbs_counts_of_people_are_published_like_the_ranking(
    client: Any, client_for: Any, api_auth: Any, reader: Any, counted: Any
) -> None:
    klein = client_for(reader).get(reverse("insights:area", args=["own-org", "WK048903"]))
    table = klein.content.decode().split('id="cbs-caption"', 1)[1].split("</table>", 1)[0]
    bijstand = re.search(r"Mensen met bijstand</th>(.*?)</tr>", table, flags=re.S)
    assert bijstand is not None
    assert '<td class="num">&lt;10 <span class="muted">(2024)</span></td>' in bijstand.group(1)
    # Inhabitants are not a count of need: shown as CBS has them.
    assert "300 <span" in table
    # The trend of 8 and 7 would draw the counts: no chart for them, "<10" in the table.
    assert "Mensen met bijstand per jaar" not in klein.content.decode()
    shown = json.loads(run("show", "WK048903", "--format", "json"))
    by_key = {i["key"]: i for i in shown["indicators"]}
    # The contract's value is a number or null: a count of 1-9 is null and secret.
    assert by_key["PersonenPerSoortUitkeringBijstand"]["value"] is None
    assert by_key["PersonenPerSoortUitkeringBijstand"]["status"] == "secret"
    assert by_key["PersonenPerSoortUitkeringBijstand"]["shown"] == "<10"
    assert by_key["AantalInwoners"]["value"] == 300
    url = reverse("api:wijkbeeld_wijk", args=["own-org", "WK048901"])
    body = client.get(url, **api_auth(reader)).json()
    assert {i["key"]: i["value"] for i in body["indicators"]}[
        "PersonenPerSoortUitkeringBijstand"
    ] == 90


# --- no rate on a base under 50, by every route ------------------------------------------------


def test_no_rate_on_fewer_than_fifty_inhabitants_by_any_route(
    client: Any, client_for: Any, api_auth: Any, reader: Any, counted: Any
) -> None:
    """Gaatkensplas: 40 inhabitants, 15 with bijstand and 20 beschikkingen dagbesteding.

    The counts are large enough to show (15 and 20), but a ratio on 40
    inhabitants would tell more than the rounded count: the theme page, its
    download, the gemeente's downloads, the wijk page's download, the API and
    the command line all leave the ratio, its interval and its call out.
    """
    from collectief.insights.tests.conftest import provision_counts, put_values
    from collectief.insights.tests.test_table_exports import csv_for, page, row_of, table_of

    leeg = counted["leeg"]
    put_values(leeg, 2024, AantalInwoners=40, PersonenPerSoortUitkeringBijstand=15)
    provision_counts(leeg, 2024, wmo_dagbesteding=20)
    web = client_for(reader)
    for theme, source in (("geldzorgen-en-schulden", "cbs"), ("ontmoeting", "wmo-dagbesteding")):
        table = table_of(page(web, "insights:theme", "GM0489", theme), f"theme-caption-{source}")
        assert row_of(table, "Gaatkensplas")[2:] == ["–", "niet te zeggen"], source
        exported = csv_for(web, "insights:theme_export", ["GM0489", theme, source])
        row = next(r for r in exported if r["CBS-code"] == "WK048905")
        assert row["geteld"] in {"15", "20"}
        assert (row["keer zo vaak"], row["95%-interval van"], row["95%-interval tot"]) == (
            "",
            "",
            "",
        )
        assert row["vergeleken met de gemeente"] == "niet te zeggen"
        for rows in (
            api(client, api_auth(reader), theme=theme, source=source).json()["rows"],
            json.loads(
                run("ranking", "GM0489", "--theme", theme, "--source", source, "--format", "json")
            )["rows"],
        ):
            gaatkensplas = next(r for r in rows if r["area"] == "WK048905")
            assert gaatkensplas["observed"] in {15, 20}
            assert (gaatkensplas["ratio"], gaatkensplas["ci95"], gaatkensplas["smoothed"]) == (
                None,
                None,
                None,
            )
            assert gaatkensplas["call"] == "niet te zeggen"
    heat = next(
        r
        for r in csv_for(web, "insights:gemeente_export", ["GM0489"])
        if r["CBS-code"] == "WK048905"
    )
    provisions = next(
        r
        for r in csv_for(web, "insights:provisions_export", ["GM0489"])
        if r["CBS-code"] == "WK048905"
    )
    assert provisions["Dagbesteding (2024): keer zo vaak"] == ""
    assert heat["Geldzorgen en schulden (Mensen met bijstand, 2024): keer zo vaak"] == ""
    wijk = csv_for(web, "insights:area_export", ["WK048905", "cijfers"])
    bijstand = next(r for r in wijk if r["Indicator"] == "Mensen met bijstand")
    assert bijstand["Gaatkensplas"] == "15"
    assert (bijstand["95%-interval van"], bijstand["95%-interval tot"]) == ("", "")
    beschikkingen = csv_for(web, "insights:area_export", ["WK048905", "beschikkingen"])
    assert [(r["Aantal"], r["95%-interval van"]) for r in beschikkingen] == [("20", "")]


def test_show_as_text_publishes_counts_of_people_like_the_page(counted: Any) -> None:
    """The text of ``wijkbeeld show`` (not only its JSON): 7 is "<10", 91 is 90."""
    klein = run("show", "WK048903")
    assert "Mensen met bijstand: <10 (2024)" in klein
    assert "Inwoners: 300 (2024)" in klein
    buitenoord = run("show", "WK048901")
    assert "Mensen met bijstand: 90 (2024)" in buitenoord
    for text in (klein, buitenoord):
        assert "Mensen met bijstand: 7 " not in text and "Mensen met bijstand: 91 " not in text
