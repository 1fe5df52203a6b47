"""Markdown to safe HTML: every user- or trainer-written text is rendered through this sanitizer."""

from __future__ import annotations

import markdown as md
import nh3
from markupsafe import Markup

_EXTENSIONS = ["extra", "sane_lists", "smarty"]
_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark",
    "blockquote", "code", "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td",
    "a", "abbr", "sup", "sub", "span", "div",
}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}, "*": {"id"}}


def render_markdown(text: str | None) -> Markup:
    """Render Markdown and strip anything that could run script or load remote content."""
    html = md.markdown(text or "", extensions=_EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)
