from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render every form with the accessible field and error-summary templates."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
