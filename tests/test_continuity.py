"""Following sentences and quotes from one version of a text to the next."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factdesk.continuity import Relocator

OLD = (
    "Officials said the plant closed in 2019.\n"
    "The mayor denied it. The mayor denied it.\n"
    "Prices rose 4% last year, the bureau reported.\n"
)


def test_an_edit_elsewhere_shifts_a_sentence_exactly() -> None:
    new = "BREAKING: " + OLD.replace("plant", "steel plant")
    relocate = Relocator(OLD, new)
    quote = "Prices rose 4% last year"
    found = relocate.find(quote, OLD.index(quote))
    assert found == new.index(quote)


def test_a_changed_sentence_is_not_found_but_its_place_is() -> None:
    new = OLD.replace("closed in 2019", "closed in 2018")
    relocate = Relocator(OLD, new)
    sentence = "Officials said the plant closed in 2019."
    assert relocate.find(sentence, 0) is None
    ranges = [(0, new.index("\n")), (new.index("The"), new.index("The") + 20)]
    assert relocate.nearest(ranges, (0, len(sentence))) == 0


def test_equal_sentences_keep_their_own_places() -> None:
    new = "Intro.\n" + OLD
    relocate = Relocator(OLD, new)
    first = OLD.index("The mayor denied it.")
    second = OLD.index("The mayor denied it.", first + 1)
    a = relocate.find("The mayor denied it.", first)
    assert a is not None
    b = relocate.find("The mayor denied it.", second, taken={(a, a + 20)})
    assert (a, b) == (first + 7, second + 7)


def test_a_moved_paragraph_is_still_found() -> None:
    lines = OLD.splitlines(keepends=True)
    new = lines[2] + lines[0] + lines[1]
    quote = "Officials said the plant closed in 2019."
    assert Relocator(OLD, new).find(quote, 0) == new.index(quote)


def test_a_single_long_paragraph() -> None:
    old = " ".join(f"Sentence number {i} says {i * 7} units." for i in range(3000))
    new = old.replace("Sentence number 10 says", "Sentence No. 10 says")
    quote = "Sentence number 2500 says 17500 units."
    relocate = Relocator(old, new)
    assert relocate.find(quote, old.index(quote)) == new.index(quote)
    assert relocate.expected(len(old)) == len(new)


paragraph = st.text(st.sampled_from("abc xyz.\u00e9\U0001f600"), min_size=1, max_size=40).map(
    lambda s: s.replace("\n", " ")
)


@given(
    st.lists(paragraph, min_size=2, max_size=8, unique=True),
    st.data(),
)
def test_unedited_paragraphs_map_one_for_one(paragraphs: list[str], data: st.DataObject) -> None:
    """Any offset inside a paragraph that was not edited maps to the same character."""
    old = "\n".join(paragraphs)
    edited = data.draw(st.integers(0, len(paragraphs) - 1))
    replacement = data.draw(paragraph)
    new_paragraphs = list(paragraphs)
    new_paragraphs[edited] = replacement
    new = "\n".join(new_paragraphs)
    relocate = Relocator(old, new)
    kept = data.draw(st.sampled_from([i for i in range(len(paragraphs)) if i != edited]))
    old_start = sum(len(p) + 1 for p in paragraphs[:kept])
    new_start = sum(len(p) + 1 for p in new_paragraphs[:kept])
    offset = data.draw(st.integers(0, len(paragraphs[kept]) - 1))
    assert relocate.expected(old_start + offset) == new_start + offset
    found = relocate.find(paragraphs[kept], old_start)
    assert found is not None and new[found : found + len(paragraphs[kept])] == paragraphs[kept]
