"""Russian-friendly search helpers: lemmas, ё/е, prefixes, plain text and highlighted snippets."""

from __future__ import annotations

from app.learning.text import count_matches, index_text, normalize, parse_query, plain_text, snippet


def _matches(query: str, text: str) -> bool:
    terms = parse_query(query)
    return all(count_matches(text, [term]) for term in terms)


def test_inflected_forms_match_by_lemma():
    assert _matches("возражения", "Каждое возражение — это вопрос клиента.")
    assert _matches("возражением", "Как отвечать на возражения о цене")
    assert _matches("секретаря", "Секретарь соединяет с ЛПР")


def test_case_and_yo_do_not_matter():
    assert normalize("ЁЛКА Ещё") == "елка еще"
    assert _matches("ещё", "Позвоните еще раз")
    assert _matches("ЕЩЕ", "Позвоните ещё раз")


def test_a_partial_word_matches_as_a_prefix():
    assert _matches("возраж", "Работа с возражениями")
    assert not _matches("во", "Работа с возражениями")  # too short for a prefix


def test_unrelated_words_do_not_match():
    assert not _matches("доставка", "Работа с возражениями")


def test_index_holds_lemmas_padded_with_spaces():
    index = index_text("Возражения клиентов", "Ёмкие ответы")
    assert " возражение " in index and " клиент " in index and " емкий " in index
    assert index.startswith(" ") and index.endswith(" ")


def test_plain_text_drops_markdown_markup():
    text = plain_text("# Заголовок\n\n**Жирный** и [ссылка](https://x.example) | ячейка |\n> цитата\n- пункт")
    assert "#" not in text and "*" not in text and "|" not in text and "https" not in text
    assert "Заголовок" in text and "ссылка" in text and "цитата" in text and "пункт" in text


def test_snippet_highlights_every_match_inside_the_window():
    text = "Вступление. " * 30 + "Главное возражение клиента — цена; на возражения отвечаем вопросом. " + "Хвост. " * 40
    pieces = snippet(text, parse_query("возражения"))
    marked = [piece for piece, hl in pieces if hl]
    assert marked == ["возражение", "возражения"]
    assert pieces[0] == ("…", False) and pieces[-1] == ("…", False)
    assert len("".join(piece for piece, _ in pieces)) < 260


def test_snippet_without_a_match_is_the_beginning():
    pieces = snippet("Короткий текст", parse_query("доставка"))
    assert pieces == [("Короткий текст", False)]
