"""The library entry's edit page leads back: a breadcrumb and a back button to the library page that shows it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.factories import checklist_call


@pytest.fixture
def call_id(app, world, version):
    from app.extensions import db

    with app.app_context():
        call = checklist_call(world["anna"], version, call_date=date(2026, 3, 2), duration=60.0)
        db.session.commit()
        return call.id


def _mark(client, call_id: int, title: str) -> None:
    data = {"kind": "good", "title": title, "start": "0:02", "end": "0:04", "tags": "opening"}
    assert client.post(f"/calls/{call_id}/library", data=data).status_code == 302


def _entry_ids(app) -> list[int]:
    """Entry ids, oldest first."""
    from app.calls.library_models import LibraryEntry
    from app.extensions import db

    with app.app_context():
        return list(db.session.scalars(db.select(LibraryEntry.id).order_by(LibraryEntry.id)))


def test_edit_page_has_a_breadcrumb_and_a_way_back_to_the_fragment(app, client, auth, world, call_id):
    auth.login(world["rop_a"])
    _mark(client, call_id, "Чёткое приветствие")
    [entry_id] = _entry_ids(app)
    html = client.get(f"/calls/library/{entry_id}/edit").get_data(as_text=True)
    crumbs = re.search(r'<ol class="breadcrumb[^"]*"[^>]*>(.*?)</ol>', html, re.S)
    assert crumbs, "the edit page has no breadcrumb"
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs.group(1))
    assert links == [
        ("/calls/library", "Библиотека звонков"),
        (f"/calls/library#entry-{entry_id}", "Чёткое приветствие"),
    ]
    assert 'aria-current="page">Редактирование<' in crumbs.group(1)
    back = re.search(r'href="([^"]+)" data-testid="back-to-library"', html)
    assert back and back.group(1) == f"/calls/library#entry-{entry_id}"
    assert f'href="/calls/{call_id}#library"' in html  # and to the call, as before


def test_the_way_back_finds_the_page_the_fragment_is_on(app, client, auth, world, call_id):
    from app.calls.library import PAGE_SIZE

    auth.login(world["rop_a"])
    for n in range(PAGE_SIZE + 2):
        _mark(client, call_id, f"Пример {n}")
    oldest, *_rest, newest = _entry_ids(app)
    html = client.get(f"/calls/library/{oldest}/edit").get_data(as_text=True)
    assert f'href="/calls/library?page=2#entry-{oldest}" data-testid="back-to-library"' in html
    assert f'id="entry-{oldest}"' in client.get("/calls/library?page=2").get_data(as_text=True)
    saved = client.post(
        f"/calls/library/{oldest}/edit",
        data={"kind": "good", "title": "Пример 0", "start": "0:02", "end": "0:04", "tags": "opening"},
    )
    assert saved.headers["Location"] == f"/calls/library?page=2#entry-{oldest}"
    newest_html = client.get(f"/calls/library/{newest}/edit").get_data(as_text=True)
    assert f'href="/calls/library#entry-{newest}" data-testid="back-to-library"' in newest_html
