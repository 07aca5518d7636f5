"""HTML rendering: one Jinja2 environment (templates compiled once) and value formatting helpers."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment over the package templates (cached: templates compile once)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("stdkg.publish", "templates"),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"]),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
    )
    return env


def render(template: str, **context: Any) -> str:
    """Render one template by name."""
    return environment().get_template(template).render(**context)


def stylesheet() -> str:
    """The site's CSS (package data)."""
    from importlib.resources import files

    return (files("stdkg.publish") / "templates" / "style.css").read_text(encoding="utf-8")


def json_for_script(text: str) -> str:
    """JSON text made safe inside ``<script>`` (``<``, ``>``, ``&`` only occur in JSON strings)."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
