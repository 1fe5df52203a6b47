"""Domain errors that services raise and views turn into messages next to the right field."""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused the input; ``field`` names the form field it belongs to (or None for the whole form)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def apply_to_form(form, error: DomainError) -> None:  # type: ignore[no-untyped-def]
    """Attach a domain error to the matching form field (or to the form as a whole)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
