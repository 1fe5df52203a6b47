"""Call library: who may mark, validation against the call, browsing by tag and kind, what strangers see."""

from __future__ import annotations

from datetime import date

import pytest

from app.accounts.models import User
from app.calls import library
from app.calls.library import FragmentData
from app.core.domain import DomainError
from app.extensions import db
from tests.factories import checklist_call, transcript

DAY = date(2026, 3, 2)


def _user(world, key) -> User:
    return db.session.get(User, world[key].id)


def _call(world, version, key="anna"):
    call = checklist_call(world[key], version, call_date=DAY, transcript=transcript(), duration=402.2)
    db.session.commit()
    return call


def test_supervisor_marks_a_fragment_with_tags(ctx, world, version):
    call = _call(world, version)
    entry = library.mark(
        call, _user(world, "rop_a"), FragmentData("good", " Вышел на ЛПР ", "0:03", "0:33", "gatekeeper, Секретарь", "")
    )
    db.session.commit()
    assert (entry.kind.value, entry.title, entry.start, entry.end) == ("good", "Вышел на ЛПР", 3.0, 33.0)
    assert entry.tag_names == ["gatekeeper", "секретарь"] and entry.note is None
    assert library.tag_counts() == [("gatekeeper", 1), ("секретарь", 1)]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (FragmentData("great", "x"), "kind"),
        (FragmentData("good", "  "), "title"),
        (FragmentData("good", "x", "1:00", ""), "end"),
        (FragmentData("good", "x", "1:00", "1:00.5"), "end"),
        (FragmentData("good", "x", "6:00", "7:00"), "end"),  # the call is 6:42 long
        (FragmentData("good", "x", "ab", "1:00"), "start"),
        (FragmentData("good", "x", tags=",".join(f"t{i}" for i in range(11))), "tags"),
    ],
)
def test_invalid_entries_name_their_field(ctx, world, version, data, field):
    call = _call(world, version)
    with pytest.raises(DomainError) as error:
        library.mark(call, _user(world, "rop_a"), data)
    assert error.value.field == field


def test_only_curators_may_mark(ctx, world, version):
    call = _call(world, version)
    for key in ("anna", "rop_b", "boris"):
        with pytest.raises(DomainError):
            library.mark(call, _user(world, key), FragmentData("bad", "x"))
    assert library.mark(call, _user(world, "admin"), FragmentData("bad", "x"))
    assert library.mark(call, _user(world, "trainer"), FragmentData("good", "y"))


def test_strangers_get_the_fragment_only(ctx, world, version):
    call = _call(world, version)
    library.mark(call, _user(world, "rop_a"), FragmentData("good", "Выход на ЛПР", "0:11", "0:29", "gatekeeper"))
    db.session.commit()
    stranger = library.browse(_user(world, "vera")).cards[0]
    assert not stranger.full_access and stranger.manager_name is None and not stranger.may_curate
    texts = [line.text for line in stranger.lines]
    assert texts and all(11 - 0.5 <= line.start < 29 for line in stranger.lines)
    assert len(texts) < len(call.transcript["segments"])
    own = library.browse(_user(world, "rop_a")).cards[0]
    assert own.full_access and own.manager_name == "Анна Альфина" and own.may_curate


def test_browse_filters_by_tag_and_kind_newest_first(ctx, world, version):
    call = _call(world, version)
    rop = _user(world, "rop_a")
    first = library.mark(call, rop, FragmentData("good", "A", tags="closing"))
    db.session.commit()
    second = library.mark(call, rop, FragmentData("bad", "B", tags="closing, opening"))
    db.session.commit()
    viewer = _user(world, "newbie")
    assert [c.entry.id for c in library.browse(viewer).cards] == [second.id, first.id]
    assert [c.entry.id for c in library.browse(viewer, tag="opening").cards] == [second.id]
    assert [c.entry.id for c in library.browse(viewer, kind="good").cards] == [first.id]
    assert library.browse(viewer, tag="nothing").total == 0


def test_update_replaces_tags_and_remove_keeps_the_call(ctx, world, version):
    call = _call(world, version)
    rop = _user(world, "rop_a")
    entry = library.mark(call, rop, FragmentData("good", "A", tags="closing, opening"))
    db.session.commit()
    library.update(entry, rop, FragmentData("bad", "A2", "0:10", "0:20", "opening, objection_handling"))
    db.session.commit()
    assert entry.tag_names == ["objection_handling", "opening"] and entry.kind.value == "bad"
    with pytest.raises(DomainError):
        library.remove(entry, _user(world, "rop_b"))
    library.remove(entry, rop)
    db.session.commit()
    assert library.browse(rop).total == 0 and db.session.get(type(call), call.id) is not None
