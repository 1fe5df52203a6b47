"""Markdown is rendered and sanitized."""

from __future__ import annotations

from app.core.markdown import render_markdown


def test_renders_markdown_structure():
    html = str(render_markdown("# Заголовок\n\n**жирный** и список:\n\n- один\n- два"))
    assert "<h1>Заголовок</h1>" in html and "<strong>жирный</strong>" in html and "<li>один</li>" in html


def test_strips_scripts_and_javascript_links():
    html = str(render_markdown('<script>alert(1)</script>[x](javascript:alert(2)) <img src=x onerror=alert(3)>'))
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html and "<img" not in html
