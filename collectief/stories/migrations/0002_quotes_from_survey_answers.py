"""The quotes marked in survey results become stories quotes (one concept, issue 14 point 2).

Each ``surveys.Quote`` (an open answer marked "quote for the report") becomes
a ``stories.Quote`` of that answer: same text, the effect of the answer's
question, who marked it and when. ``surveys.0006`` then drops the old table.
Going back copies them the other way.
"""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    OldQuote = apps.get_model("surveys", "Quote")
    Quote = apps.get_model("stories", "Quote")
    for old in OldQuote.objects.select_related("answer__question__survey").iterator():
        answer = old.answer
        text = (answer.text or "").strip()
        if not text:
            continue
        quote, _ = Quote.objects.get_or_create(
            answer=answer,
            defaults={
                "organisation_id": answer.question.survey.organisation_id,
                "text": text,
                "effect_id": answer.question.effect_id,
                "created_by_id": old.marked_by_id,
            },
        )
        # auto_now_add ignores a value given on create; keep when it was marked.
        Quote.objects.filter(pk=quote.pk).update(created_at=old.created_at)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    OldQuote = apps.get_model("surveys", "Quote")
    Quote = apps.get_model("stories", "Quote")
    for quote in Quote.objects.filter(answer__isnull=False).iterator():
        old, _ = OldQuote.objects.get_or_create(
            answer_id=quote.answer_id, defaults={"marked_by_id": quote.created_by_id}
        )
        OldQuote.objects.filter(pk=old.pk).update(created_at=quote.created_at)
    Quote.objects.filter(answer__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_stories_consent_quotes_msc_rounds"),
        ("surveys", "0005_response_submitted_at_hour"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
