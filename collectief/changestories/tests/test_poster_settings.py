"""Poster settings: the organisation's colour and a logo or photo.

Happy path, anonymous, wrong organisation and bad input for the settings
form and the colour stylesheet; the image is re-encoded without its EXIF
data (a phone photo must not say where it was taken).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from collectief.accounts.models import Organisation
from collectief.audit.models import AuditEvent
from collectief.changestories import services
from collectief.changestories.models import ChangeStory
from collectief.changestories.poster import poster_context
from collectief.lib.errors import ServiceError

ORG = "own-org"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(name: str) -> str:
    return reverse(f"changestories:{name}", args=[ORG])


def photo(kind: str = "JPEG", size: tuple[int, int] = (1600, 1000), gps: bool = True) -> bytes:
    """A photo with EXIF: camera, a GPS position and the orientation tag."""
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0112] = 6  # Orientation: turned 90 degrees
    if gps:
        exif[0x8825] = {1: "N", 2: (52.0, 22.0, 1.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format=kind, exif=exif.tobytes())
    return out.getvalue()


def upload(data: bytes, name: str = "foto.jpg", kind: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=kind)


def test_settings_save_colour_and_photo_without_exif(
    story: ChangeStory, client_for: Any, staff: Any, media: Path
) -> None:
    response = client_for(staff).post(
        url("poster_settings"),
        {
            "tagline": "voor en door bewoners",
            "colour": "#FFDD00",
            "image": upload(photo()),
            "image_alt": "Bewoners koken samen",
        },
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.colour == "#ffdd00"
    assert story.image.name.startswith("posters/") and story.image.name.endswith(".jpg")
    stored = media / story.image.name
    with Image.open(stored) as image:
        # Turned upright, at most 800 px, and no EXIF left at all.
        assert image.size == (500, 800)
        assert not image.getexif()
        assert "exif" not in image.info
    assert b"Telefoonmerk" not in stored.read_bytes()
    event = AuditEvent.objects.filter(action="changestory.poster_settings").latest("pk")
    assert event.details["image"] == "new" and event.details["colour"] == "#ffdd00"
    # The poster shows it: the image as data URI, the colours from the stylesheet.
    page = client_for(staff).get(url("poster")).content.decode()
    assert 'alt="Bewoners koken samen"' in page and "data:image/jpeg;base64," in page
    assert url("poster_colour_css") + "?v=ffdd00" in page
    css = client_for(staff).get(url("poster_colour_css"))
    assert css["Content-Type"] == "text/css"
    text = css.content.decode()
    # A light yellow gets black text and darker headings (WCAG AA).
    assert "--poster-colour: #ffdd00" in text and "--poster-on-colour: #000000" in text
    assert "--poster-ink: #ffdd00" not in text


def test_replacing_and_removing_the_image_deletes_old_files(
    story: ChangeStory,
    own_org: Organisation,
    staff: Any,
    media: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    png = io.BytesIO()
    Image.new("RGBA", (300, 100), (0, 0, 0, 0)).save(png, format="PNG")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.update_poster_settings(
            own_org,
            tagline="",
            is_public=False,
            image=upload(png.getvalue(), "logo.png"),
            by=staff,
        )
    first_name = first.image.name
    assert first_name.endswith(".png")  # a logo keeps its transparency
    with django_capture_on_commit_callbacks(execute=True):
        second = services.update_poster_settings(
            own_org, tagline="", is_public=False, image=upload(photo()), by=staff
        )
    assert not (media / first_name).exists() and (media / second.image.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        third = services.update_poster_settings(
            own_org, tagline="", is_public=False, remove_image=True, by=staff
        )
    assert not third.image and not (media / second.image.name).exists()
    assert poster_context(third)["image"] is None


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4 not an image", "foto.jpg", "Dit is geen afbeelding die we kunnen gebruiken"),
        (b"GIF89a" + b"\x00" * 40, "foto.gif", "Dit is geen afbeelding die we kunnen gebruiken"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", "Dit is geen afbeelding"),
        (
            b"\xff" * (5 * 1024 * 1024 + 1),
            "groot.jpg",
            "Het bestand is groter dan 5 MB.",
        ),
    ],
    ids=["pdf", "gif", "svg", "too-large"],
)
def test_bad_image_is_refused_in_dutch(
    story: ChangeStory,
    client_for: Any,
    staff: Any,
    media: Path,
    data: bytes,
    name: str,
    message: str,
) -> None:
    response = client_for(staff).post(
        url("poster_settings"), {"tagline": "nieuw", "image": upload(data, name)}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text and "Er moet iets verbeterd worden" in text
    story.refresh_from_db()
    assert not story.image and story.tagline == ""  # nothing saved
    assert not list(media.rglob("*.*"))


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        ("red", "Vul een kleur in als # met zes tekens"),
        ("#12345", "Vul een kleur in als # met zes tekens"),
        ("#12345g", "Vul een kleur in als # met zes tekens"),
        ("#1234567", "niet meer dan 7 tekens"),
    ],
)
def test_bad_colour_is_refused_in_dutch(
    story: ChangeStory, client_for: Any, staff: Any, colour: str, message: str
) -> None:
    response = client_for(staff).post(url("poster_settings"), {"colour": colour})
    assert response.status_code == 200
    assert message in response.content.decode()
    story.refresh_from_db()
    assert story.colour == ""


def test_service_refuses_too_large_image(story: ChangeStory, own_org: Organisation) -> None:
    """The service checks the size itself too: the CLI and API do not use the form."""
    with pytest.raises(ServiceError) as error:
        services.update_poster_settings(
            own_org,
            tagline="",
            is_public=False,
            image=upload(b"\xff" * (5 * 1024 * 1024 + 1)),
            by=None,
        )
    assert error.value.field == "image"
    assert "De afbeelding is te groot: hoogstens 5 MB." in error.value.message


def test_service_refuses_bad_colour(story: ChangeStory, own_org: Organisation) -> None:
    with pytest.raises(ServiceError) as error:
        services.update_poster_settings(
            own_org, tagline="", is_public=False, colour="blue", by=None
        )
    assert error.value.field == "colour"


def test_settings_and_colour_access(
    story: ChangeStory, client_for: Any, reader: Any, outsider: Any, media: Path
) -> None:
    data = {"colour": "#123456", "image": upload(photo())}
    assert client_for(reader).post(url("poster_settings"), data).status_code == 403
    data["image"] = upload(photo())
    assert client_for(outsider).post(url("poster_settings"), data).status_code == 404
    data["image"] = upload(photo())
    response = client_for(None).post(url("poster_settings"), data)
    assert response.status_code == 302 and "login" in response["Location"]
    story.refresh_from_db()
    assert story.colour == "" and not story.image
    # The colour stylesheet: members only, or everyone when the poster is public.
    assert client_for(reader).get(url("poster_colour_css")).status_code == 200
    assert client_for(outsider).get(url("poster_colour_css")).status_code == 404
    assert client_for(None).get(url("poster_colour_css")).status_code == 302
    public = reverse("changestories:public_poster_colour_css", args=[ORG])
    assert client_for(None).get(public).status_code == 404


def test_public_poster_links_its_public_colour_stylesheet(
    story: ChangeStory, own_org: Organisation, client_for: Any
) -> None:
    services.update_poster_settings(own_org, tagline="", is_public=True, colour="#8a1538", by=None)
    page = client_for(None).get(reverse("changestories:public_poster", args=[ORG]))
    public = reverse("changestories:public_poster_colour_css", args=[ORG])
    assert public + "?v=8a1538" in page.content.decode()
    css = client_for(None).get(public).content.decode()
    assert "--poster-colour: #8a1538" in css and "--poster-on-colour: #ffffff" in css


def test_pdf_and_svg_use_the_colour_and_the_image(
    story: ChangeStory, own_org: Organisation, media: Path
) -> None:
    from pypdf import PdfReader

    from collectief.changestories.poster import render_svg
    from collectief.changestories.poster_pdf import render_poster

    services.update_poster_settings(
        own_org, tagline="", is_public=False, colour="#8a1538", image=upload(photo()), by=None
    )
    story.refresh_from_db()
    result = render_poster(story, "a4")
    reader = PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == 1
    images = list(reader.pages[0].images)
    assert len(images) == 1
    # The PDF's header is drawn in the organisation's colour.
    assert b"0.541176 0.082353 0.219608" in reader.pages[0].get_contents().get_data()  # type: ignore[union-attr]
    svg = render_svg(story)
    assert 'stroke="#8a1538"' in svg
    assert '<image href="data:image/jpeg;base64,' in svg


def test_poster_page_warns_editors_when_full(
    story: ChangeStory, own_org: Organisation, client_for: Any, staff: Any, reader: Any
) -> None:
    assert "De poster is" not in client_for(staff).get(url("poster")).content.decode()
    long = "Bewoners die samen iets opzetten leren elkaar kennen en helpen elkaar daarna ook " * 3
    services.save_change_story(
        own_org,
        {
            "target_groups": [{"id": "", "text": f"{i} {long}"[:300]} for i in range(12)],
            "approaches": [{"id": "", "text": f"{i} {long}"[:300]} for i in range(12)],
            "effects": [],
            "contributions": [],
            "links": [],
        },
        by=staff,
    )
    page = client_for(staff).get(url("poster")).content.decode()
    assert "De poster is te vol voor goed leesbare letters." in page
    assert "Deze tekst is lang voor een poster" in page
    # Readers cannot change the texts; the tip is for those who can.
    assert "De poster is te vol" not in client_for(reader).get(url("poster")).content.decode()


@pytest.mark.parametrize(
    ("mode", "kind", "extension"),
    [
        ("CMYK", "JPEG", ".jpg"),
        ("P", "PNG", ".png"),
        ("I;16", "PNG", ".jpg"),
        ("RGB", "WEBP", ".jpg"),
    ],
)
def test_unusual_images_are_cleaned(
    story: ChangeStory, own_org: Organisation, media: Path, mode: str, kind: str, extension: str
) -> None:
    image = Image.new(mode, (50, 40))
    if mode == "P":
        image.info["transparency"] = 0
    data = io.BytesIO()
    image.save(data, format=kind, **({"transparency": 0} if mode == "P" else {}))
    saved = services.update_poster_settings(
        own_org, tagline="", is_public=False, image=upload(data.getvalue(), "x"), by=None
    )
    assert saved.image.name.endswith(extension)
    with Image.open(media / saved.image.name) as cleaned:
        assert cleaned.size == (50, 40)
