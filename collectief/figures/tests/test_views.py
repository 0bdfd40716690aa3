from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collectief.figures import services
from collectief.figures.models import Figure, FigureValue, Period, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def figure(own_org, staff):
    figure = services.create_figure(
        own_org,
        by=staff,
        label="bardiensten",
        value=Decimal(42),
        period=Period.MONTH,
        date=dt.date(2022, 12, 1),
        is_highlighted=True,
    )
    for month, value in ((10, 38), (11, 40)):
        services.add_figure_value(
            figure, date=dt.date(2022, month, 1), value=Decimal(value), by=staff
        )
    return figure


def url(name, figure=None, slug="own-org", **extra):
    args = [slug] if figure is None else [slug, figure.pk]
    return reverse(f"figures:{name}", args=args + list(extra.values()))


READ_PAGES = ["list", "detail", "export"]
WRITE_PAGES = ["create", "edit", "delete", "import"]


@pytest.mark.parametrize("name", READ_PAGES + WRITE_PAGES)
def test_anonymous_is_sent_to_login(client_for, figure, name):
    response = client_for(None).get(
        url(name, figure if name in ("detail", "edit", "delete") else None)
    )
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", READ_PAGES + WRITE_PAGES)
def test_other_organisation_gets_404(client_for, outsider, figure, name):
    target = figure if name in ("detail", "edit", "delete") else None
    assert client_for(outsider).get(url(name, target)).status_code == 404


def test_figure_of_another_organisation_is_404_in_own_address(client_for, outsider, figure):
    # The outsider's own slug with a figure id of own-org.
    response = client_for(outsider).get(url("detail", figure, slug="other-org"))
    assert response.status_code == 404


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_reader_may_not_change(client_for, reader, figure, name):
    target = figure if name in ("edit", "delete") else None
    assert client_for(reader).get(url(name, target)).status_code == 403
    assert client_for(reader).post(url(name, target), {}).status_code == 403


def test_reader_posts_are_refused(client_for, reader, figure):
    client = client_for(reader)
    assert client.post(url("move", figure), {"direction": "up"}).status_code == 403
    assert client.post(url("value_add", figure), {}).status_code == 403
    point = figure.values.first()
    assert client.post(url("value_remove", figure, value=point.pk)).status_code == 403
    assert client.post(url("restore")).status_code == 403
    assert Figure.objects.count() == 1
    assert FigureValue.objects.count() == 3


def test_reader_sees_list_and_detail_without_buttons(client_for, reader, figure):
    client = client_for(reader)
    page = client.get(url("list")).content.decode()
    assert "42" in page and "bardiensten" in page
    assert url("create") not in page
    detail = client.get(url("detail", figure)).content.decode()
    assert url("edit", figure) not in detail
    assert "<svg" in detail and "<table" in detail


def test_empty_state(client_for, staff):
    page = client_for(staff).get(url("list")).content.decode()
    assert "empty-state" in page
    assert url("create") in page


def test_nav_item(client_for, reader, figure):
    page = client_for(reader).get(reverse("accounts:organisation_home", args=["own-org"]))
    assert url("list") in page.content.decode()


def test_detail_chart_has_svg_and_table(client_for, staff, figure):
    page = client_for(staff).get(url("detail", figure)).content.decode()
    assert 'role="img"' in page
    assert "<rect" in page  # three measurements: bars
    assert page.count("<tr>") == 4  # header + three measurements
    assert "01-10-2022" in page
    assert "style=" not in page
    assert "<script>" not in page


def test_create_happy_path_and_redisplay_on_error(client_for, staff, own_org):
    client = client_for(staff)
    bad = client.post(
        url("create"),
        {
            "label": "baromzet",
            "value": "veel",
            "unit": "euro",
            "period": "periode",
            "period_name": "",
        },
    )
    assert bad.status_code == 400
    body = bad.content.decode()
    assert 'value="baromzet"' in body and 'value="veel"' in body
    assert "error-summary" in body
    assert not Figure.objects.exists()
    good = client.post(
        url("create"),
        {"label": "baromzet", "value": "1.825,50", "unit": "euro", "period": "maand"},
    )
    figure = Figure.objects.get()
    assert good.status_code == 302 and good["Location"] == figure.get_absolute_url()
    assert (figure.value, figure.unit) == (Decimal("1825.50"), Unit.EURO)


def test_edit(client_for, staff, figure):
    response = client_for(staff).post(
        url("edit", figure),
        {
            "label": "bardiensten",
            "qualifier": "gemiddeld",
            "value": "42",
            "unit": "aantal",
            "period": "maand",
            "date": "2022-12-01",
        },
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.qualifier == "gemiddeld"
    assert not figure.is_highlighted


def test_edit_with_an_older_date_than_the_series_shows_the_error(client_for, staff, figure):
    response = client_for(staff).post(
        url("edit", figure),
        {
            "label": "bardiensten",
            "value": "1",
            "unit": "aantal",
            "period": "maand",
            "date": "01-01-2020",
        },
    )
    assert response.status_code == 400
    assert "01-12-2022" in response.content.decode()


def test_delete_asks_first_then_undo(client_for, staff, figure):
    client = client_for(staff)
    confirm = client.get(url("delete", figure))
    assert confirm.status_code == 200 and "button--danger" in confirm.content.decode()
    assert Figure.objects.count() == 1
    response = client.post(url("delete", figure))
    assert response.status_code == 302
    assert not Figure.objects.exists()
    page = client.get(url("list")).content.decode()
    assert url("restore") in page
    restored = client.post(url("restore"))
    assert restored.status_code == 302
    figure = Figure.objects.get()
    assert figure.values.count() == 3
    # The undo works once.
    assert client.post(url("restore")).status_code == 404


def test_undo_is_not_available_to_another_organisation(client_for, staff, outsider, figure):
    client = client_for(staff)
    client.post(url("delete", figure))
    assert client_for(outsider).post(url("restore", slug="other-org")).status_code == 404


def test_measurements_add_and_remove(client_for, staff, figure):
    client = client_for(staff)
    response = client.post(
        url("value_add", figure), {"meting-date": "01-01-2023", "meting-value": "45"}
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.value == Decimal(45)
    bad = client.post(url("value_add", figure), {"meting-date": "gisteren", "meting-value": "x"})
    assert bad.status_code == 400
    assert "gisteren" in bad.content.decode()
    point = figure.values.get(date=dt.date(2022, 10, 1))
    assert client.post(url("value_remove", figure, value=point.pk)).status_code == 302
    assert figure.values.count() == 3


def test_measurement_of_another_figure_is_404(client_for, staff, own_org, figure):
    other = services.create_figure(own_org, by=staff, label="x", value=Decimal(1))
    point = figure.values.first()
    assert client_for(staff).post(url("value_remove", other, value=point.pk)).status_code == 404


def test_move(client_for, staff, own_org, figure):
    second = services.create_figure(own_org, by=staff, label="vrijwilligers", value=Decimal(94))
    assert client_for(staff).post(url("move", second), {"direction": "up"}).status_code == 302
    assert [f.label for f in services.figures_for(own_org)] == ["vrijwilligers", "bardiensten"]


def test_get_on_post_only_views_is_405(client_for, staff, figure):
    assert client_for(staff).get(url("move", figure)).status_code == 405


def test_import_upload(client_for, staff):
    client = client_for(staff)
    upload = SimpleUploadedFile("c.csv", b"omschrijving;waarde\nvrijwilligers;94\n")
    response = client.post(url("import"), {"file": upload})
    assert response.status_code == 302
    assert Figure.objects.get().value == 94


def test_import_upload_with_problems_lists_them(client_for, staff):
    upload = SimpleUploadedFile("c.csv", b"omschrijving;waarde\nvrijwilligers;veel\n")
    response = client_for(staff).post(url("import"), {"file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body and "veel" in body
    assert not Figure.objects.exists()


def test_import_without_file(client_for, staff):
    assert client_for(staff).post(url("import"), {}).status_code == 400


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_reader_can_download(client_for, reader, figure, fmt):
    response = client_for(reader).get(url("export") + f"?format={fmt}")
    assert response.status_code == 200
    assert f"cijfers-own-org.{fmt}" in response["Content-Disposition"]


def test_unknown_export_format_is_404(client_for, reader):
    assert client_for(reader).get(url("export") + "?format=pdf").status_code == 404
