"""Placeholder."""

RESULT_MEDIA_TYPES: tuple[str, ...] = ()
