from __future__ import annotations


class ServiceError(Exception):
    """A rule of the domain was broken; the message is shown to the user.

    Services raise it with a translated message and, when the problem
    belongs to one input, the name of that field, so that a view can put
    the message next to the field.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
