"""Pure rules of the objection analytics: matching utterances to entries, handled-well, aggregation."""

from __future__ import annotations

from datetime import date

from app.quality.objection_stats import (
    CallObjections,
    LibraryEntry,
    aggregate,
    call_handled,
    match_entry,
)

EXPENSIVE = LibraryEntry("price_expensive", "«Дорого»", "price", ("Это дорого.", "Дороговато у вас."))
CHEAPER = LibraryEntry("price_cheaper", "«У других дешевле»", "price", ("У конкурентов дешевле.",))
SUPPLIER = LibraryEntry("supplier", "«Есть поставщик»", "have_supplier", ("У нас уже есть курьерская служба.",))
ENTRIES = [EXPENSIVE, CHEAPER, SUPPLIER]
TITLES = {"price": "Цена", "no_time": "Нет времени"}


def test_match_entry_stays_in_the_category_and_picks_the_closest_variant():
    assert match_entry("price", "а у конкурентов-то дешевле будет", ENTRIES) is CHEAPER
    assert match_entry("price", "ну это дорого", ENTRIES) is EXPENSIVE
    # Same words, other category: the label decides, not the words.
    assert match_entry("have_supplier", "у конкурентов дешевле", ENTRIES) is SUPPLIER
    assert match_entry("no_time", "некогда", ENTRIES) is None
    assert match_entry("none", "это дорого", ENTRIES) is None


def test_match_entry_without_a_label_needs_a_close_variant():
    assert match_entry(None, "у нас уже есть курьерская служба", ENTRIES) is SUPPLIER
    assert match_entry(None, "погода сегодня хорошая", ENTRIES) is None


def test_ties_go_to_the_first_entry_in_library_order():
    twin = LibraryEntry("twin", "Twin", "price", EXPENSIVE.variants)
    assert match_entry("price", "это дорого", [EXPENSIVE, twin]) is EXPENSIVE
    assert match_entry("price", "это дорого", [twin, EXPENSIVE]) is twin


def test_call_handled_needs_every_applicable_item():
    assert call_handled({"obj_acknowledge": "pass", "obj_clarify": "pass"}) is True
    assert call_handled({"obj_acknowledge": "pass", "obj_clarify": "fail"}) is False
    assert call_handled({"obj_acknowledge": "pass", "obj_clarify": "na"}) is True
    assert call_handled({"obj_acknowledge": "na", "obj_clarify": "na"}) is None
    assert call_handled({}) is None


def _call(n: int, handled: bool, *quotes: str, day: int = 1) -> CallObjections:
    return CallObjections(n, date(2026, 3, day), f"Менеджер {n}", handled, quotes)


def test_aggregate_counts_calls_once_per_entry_and_keeps_examples():
    calls = [
        _call(1, True, "это дорого", day=1),
        _call(2, False, "дороговато у вас", "ну очень дорого", day=2),  # twice the same entry: one call
        _call(3, False, "дорого", "у нас своя курьерская служба", day=3),
        _call(4, True, "некогда мне", day=4),  # a category with no entry
        _call(5, True, "ммм", day=5),  # the classifier says: no objection
        _call(6, False, day=6),  # no trigger quote at all
    ]
    labels = {
        "это дорого": "price",
        "дороговато у вас": "price",
        "ну очень дорого": "price",
        "дорого": "price",
        "у нас своя курьерская служба": "have_supplier",
        "некогда мне": "no_time",
        "ммм": "none",
    }
    report = aggregate(calls, labels, ENTRIES, TITLES, "Не распознано")
    assert (report.calls, report.handled, report.percent) == (6, 3, 50.0)
    expensive = report.row("price_expensive")
    assert (expensive.calls, expensive.handled, expensive.percent) == (3, 1, 33.3)
    assert [e.call_id for e in expensive.examples] == [1, 3, 2]  # handled first, newest first within a kind
    assert report.row("supplier").calls == 1 and report.row("supplier").percent == 0.0
    assert report.row("price_cheaper").calls == 0 and report.row("price_cheaper").percent is None
    by_title = {r.title: r for r in report.rows if r.key is None}
    assert by_title["Нет времени"].calls == 1 and by_title["Нет времени"].category == "no_time"
    assert by_title["Не распознано"].calls == 2  # call 5 (none) and call 6 (no quote)


def test_aggregate_limits_examples_per_kind():
    calls = [_call(n, n % 2 == 0, "это дорого", day=n) for n in range(1, 11)]
    report = aggregate(calls, {"это дорого": "price"}, ENTRIES, TITLES, "?")
    examples = report.row("price_expensive").examples
    assert [e.handled for e in examples] == [True] * 3 + [False] * 3
    assert [e.call_id for e in examples] == [10, 8, 6, 9, 7, 5]
