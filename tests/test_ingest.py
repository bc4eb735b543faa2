"""Tests of ``astro_ie.ingest``: the book parser, JSONL and CSV readers, and bad input.

The default corpus is checked against a fixture built by reading the book by
eye (``fixtures/book-ids-titles.tsv``: every id and title in book order), and
against the gold annotations (each annotated surface form must still be in the
text after mending). Property-based tests feed the parser mangled excerpts of
the real book.
"""

from __future__ import annotations

import json
import re
import tracemalloc
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from astro_ie import ingest
from astro_ie.errors import InputError
from astro_ie.ingest import BookParse, detect_format, parse_book, parse_speaker_line, read_abstracts, session_slug
from astro_ie.ingest import book as book_parser
from astro_ie.ingest import files as ingest_files
from astro_ie.models import Abstract

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BOOK = REPO / "data" / "ml4astro-2024-book-of-abstracts.txt"
BOOK_TEXT = BOOK.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def book() -> BookParse:
    return parse_book(BOOK_TEXT, source=BOOK.name)


def by_id() -> dict[str, Abstract]:
    return {record.id: record for record in book().abstracts}


def raised_by(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_book(text, "t.txt")
    return caught.value


def mini_book(*records: str, toc: str = "", day: str = "Monday, 8 July 2024") -> str:
    """A small book: optional contents, a day header, then the records as given."""
    front = f"Book of Abstracts\n\nContents\n\n{toc}\n\n" if toc else ""
    return front + day + "\n\n" + "\n\n".join(records) + "\n"


def record(session: str, number: int, title: str, speaker: str = "Speaker: Ann Lee (INAF)", text: str = "Text.") -> str:
    return f"{session} / {number}\n\n{title}\n\n{speaker}\n\n{text}"


# --- the default corpus ---------------------------------------------------------


def test_book_yields_the_hand_checked_ids_and_titles_in_book_order():
    rows = FIXTURES.joinpath("book-ids-titles.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "id\ttitle"
    expected = [tuple(row.split("\t")) for row in rows[1:]]
    assert len(expected) == 101
    assert [(record.id, record.title) for record in book().abstracts] == expected


def test_book_produces_every_id_of_the_gold_seed():
    gold_ids = [json.loads(line)["id"] for line in FIXTURES.joinpath("seed-dev.jsonl").read_text().splitlines()]
    assert len(gold_ids) == 50
    assert set(gold_ids) <= set(by_id())


def fold(text: str) -> str:
    return " ".join(text.split())


def test_every_gold_surface_form_is_still_in_the_mended_text():
    """Mending (markdown, page breaks, fused lines) must not damage a word an annotator marked."""
    records = by_id()
    missing = []
    for line in FIXTURES.joinpath("seed-dev.jsonl").read_text().splitlines():
        gold = json.loads(line)
        text = fold(records[gold["id"]].title) + "\n" + fold(records[gold["id"]].abstract)
        missing += [(gold["id"], e["text"]) for e in gold["entities"] if fold(e["text"]) not in text]
    assert missing == []


def test_book_cross_checks_cleanly_against_its_table_of_contents():
    parsed = book()
    assert len(parsed.toc) == 101
    assert parsed.warnings == []
    assert parsed.skipped == []
    truncated = [entry.title for entry in parsed.toc if entry.truncated]
    assert "The ALerCE broker: a community broker for the Vera C. Rubin Observatory" in truncated


def test_speakers_two_on_one_line_share_the_affiliation_given_once():
    speakers = [(s.name, s.affiliation, s.invited) for s in by_id()["space-coe-3"].speakers]
    assert speakers == [
        ("Lubomir Riha", "IT4Innovations, VSB-TUO", False),
        ("Petr Strakos", "IT4Innovations, VSB-TUO", False),
    ]


@pytest.mark.parametrize(
    "record_id, name, affiliation, invited",
    [
        (
            "exoplanets-1",
            "Manuel Perger",
            "Institut de Ciències de l'Espai (ICE, CSIC) & Institut d'Estudis Espacials de Catalunya (IEEC)",
            False,
        ),
        (
            "other-1",
            "Margret Westerkamp",
            "Max Planck Institute for Astrophysics; Ludwig-Maximilians-Universität München A",
            False,
        ),
        ("astroparticle-physics-4", "Ambra Di Piano", "Università di Modena e Reggio Emilia; INAF/OAS Bologna", False),
        (
            "cosmology-simulations-19",
            "Deaglan Bartlett",
            "Institut d’Astrophysique de Paris (CNRS & Sorbonne Université), France",
            True,
        ),
        (
            "cosmology-simulations-10",
            "Jose Manuel Casas",
            "Instituto de Ciencias y Tecnologías Espaciales de Asturias (ICTEA-Uniovi)",
            False,
        ),
        ("past-and-future-multiwavelength-all-sky-surveys-1", "Dalya Baron", "Carnegie Observatories, USA", True),
        ("time-domain-1", "Francisco Forster", "Universidad de Chile, Chile", True),  # fused header line
        (
            "past-and-future-multiwavelength-all-sky-surveys-20",
            "Nicola Napolitano",
            "University of Naples Federico II",
            False,
        ),
        ("flashtalks-25", "Emile Carinos", "Université Toulouse 3 - IRAP", False),
    ],
)
def test_speaker_spot_checks(record_id, name, affiliation, invited):
    speakers = by_id()[record_id].speakers
    assert [(s.name, s.affiliation, s.invited) for s in speakers] == [(name, affiliation, invited)]


def test_invited_talks_are_flagged_and_only_those():
    invited = sorted(r.id for r in book().abstracts if any(s.invited for s in r.speakers))
    assert invited == sorted(
        [
            "past-and-future-multiwavelength-all-sky-surveys-1",
            "past-and-future-multiwavelength-all-sky-surveys-11",
            "past-and-future-multiwavelength-all-sky-surveys-16",
            "time-domain-1",
            "cosmology-simulations-1",
            "cosmology-simulations-9",
            "cosmology-simulations-19",
            "astroparticle-physics-1",
        ]
    )


def test_dates_come_from_the_day_headers():
    records = by_id()
    assert str(records["past-and-future-multiwavelength-all-sky-surveys-15"].date) == "2024-07-08"
    assert str(records["past-and-future-multiwavelength-all-sky-surveys-16"].date) == "2024-07-09"
    assert str(records["time-domain-8"].date) == "2024-07-10"
    assert str(records["cosmology-simulations-9"].date) == "2024-07-11"
    assert str(records["flashtalks-25"].date) == "2024-07-12"
    per_day: dict[str, int] = {}
    for r in book().abstracts:
        per_day[str(r.date)] = per_day.get(str(r.date), 0) + 1
    assert per_day == {"2024-07-08": 15, "2024-07-09": 16, "2024-07-10": 27, "2024-07-11": 27, "2024-07-12": 16}


def test_sessions_spelled_differently_are_one_session():
    records = by_id()
    assert records["time-domain-8"].session == records["time-domain-2"].session == "Time domain"
    assert (records["time-domain-8"].number, records["time-domain-8"].line) == (8, 479)
    assert records["cosmology-simulations-3"].session == "Cosmology & Simulations"


def test_abstract_text_keeps_latex_and_loses_markdown():
    records = by_id()
    assert "$z > 6.5$" in records["past-and-future-multiwavelength-all-sky-surveys-21"].title
    assert "$J = 1 - 0$" in records["past-and-future-multiwavelength-all-sky-surveys-4"].abstract
    assert "in around 9 ms/lens." in records["past-and-future-multiwavelength-all-sky-surveys-8"].abstract
    assert "Bayesian imaging algorithm resolve, which" in records["flashtalks-8"].abstract
    assert "(http://moccacode.net)" in records["cosmology-simulations-21"].abstract
    assert "code class_sz used" in records["cosmology-simulations-20"].abstract
    for r in book().abstracts:
        dumped = r.to_json_line()
        assert "**" not in dumped
        assert not re.search(r"(?<![\w$\\])\*\w", r.title + r.abstract), r.id


@pytest.mark.parametrize(
    "record_id, joined",
    [
        (
            "past-and-future-multiwavelength-all-sky-surveys-2",
            "faint sources that are typically lost in the processing",
        ),
        ("past-and-future-multiwavelength-all-sky-surveys-10", "young stars in Trumpler 14. This region"),
        ("flashtalks-12", "column density (NH) values of Active Galactic Nuclei (AGN)"),
        ("cosmology-simulations-6", "with telescopes like Chandra, XMM-Newton"),
        ("past-and-future-multiwavelength-all-sky-surveys-17", "An overview of our Neural Network approach"),
        ("time-domain-1", "(ATLAS) telescopes, and the classification"),
        ("space-weather-3", "field of view (47 square degrees per exposure)"),
        ("flashtalks-3", "an elegant framework developed by Ardizzone et al. [2019]"),
        ("past-and-future-multiwavelength-all-sky-surveys-26", "both opportunities and challenges in inferring"),
    ],
)
def test_paragraphs_split_by_a_page_break_are_rejoined(record_id, joined):
    assert joined in by_id()[record_id].abstract


def test_real_paragraph_breaks_are_kept():
    records = by_id()
    assert records["cosmology-simulations-4"].abstract.count("\n\n") == 4  # EMBER: five paragraphs
    # "82" lost its "%." in extraction, but the next paragraph starts a new sentence on the same page
    assert "accuracy of 82\n\nWith our method" in records["past-and-future-multiwavelength-all-sky-surveys-25"].abstract


def test_no_paragraph_ends_mid_sentence_except_where_the_book_does():
    open_ended = []
    for r in book().abstracts:
        for paragraph in r.abstract.split("\n\n"):
            assert paragraph == paragraph.strip() and paragraph
            if not re.search(r"[.!?:)][\"'”’)\]]*$", paragraph):
                open_ended.append((r.id, paragraph[-20:]))
    assert open_ended == [("past-and-future-multiwavelength-all-sky-surveys-25", "to an accuracy of 82")]


def test_wrapped_and_fused_titles_are_whole():
    records = by_id()
    assert records["flashtalks-20"].title.endswith("galaxies, quasars and stars")
    assert records["astroparticle-physics-3"].title.endswith("in space experiments")
    assert records["past-and-future-multiwavelength-all-sky-surveys-15"].title.startswith("A fully convolutional")
    assert records["past-and-future-multiwavelength-all-sky-surveys-15"].abstract.startswith("The forthcoming")


def test_a_hyphen_dropped_from_a_body_title_is_restored_from_the_contents():
    assert "Enhancing Xray Binary" in BOOK_TEXT
    assert by_id()["flashtalks-1"].title == "Enhancing X-ray Binary Analysis through Deep Learning"
    without_toc = BOOK_TEXT[BOOK_TEXT.index("Monday, 8 July 2024") :]
    titles = {r.id: r.title for r in parse_book(without_toc).abstracts}
    assert titles["flashtalks-1"] == "Enhancing Xray Binary Analysis through Deep Learning"


def test_records_validate_against_the_published_json_schema():
    schema = json.loads((REPO / "schemas" / "abstract.schema.json").read_text())
    assert schema == Abstract.model_json_schema()
    for r in book().abstracts:
        line = r.to_json_line()
        jsonschema.validate(json.loads(line), schema)
        assert Abstract.model_validate_json(line) == r


def test_session_slug_follows_the_public_id_rule():
    assert session_slug("Cosmology & Simulations") == "cosmology-simulations"
    assert session_slug("Time Domain") == session_slug("Time domain") == "time-domain"
    assert session_slug("  Past and future multiwavelength all-sky surveys ") == (
        "past-and-future-multiwavelength-all-sky-surveys"
    )
    assert session_slug("SPACE CoE") == "space-coe"


# --- the book parser on small books ----------------------------------------------


def test_fused_header_title_and_speaker_lines_are_split():
    text = mini_book(
        "Time domain / 1**The ALERCE broker: a broker****Invited Speaker:** F. Forster (U. de Chile, Chile)\n\nText.",
        "Time domain / 2**Using bowties**\n\nSpeaker: S. Díaz (Manchester)\n\nMore text.",
        "Time domain/3\n**A bold title**\n**Speaker:** A. B. (C)\n\nMore.",
    )
    records = parse_book(text).abstracts
    assert [(r.id, r.title) for r in records] == [
        ("time-domain-1", "The ALERCE broker: a broker"),
        ("time-domain-2", "Using bowties"),
        ("time-domain-3", "A bold title"),
    ]
    assert [(s.name, s.affiliation, s.invited) for r in records for s in r.speakers] == [
        ("F. Forster", "U. de Chile, Chile", True),
        ("S. Díaz", "Manchester", False),
        ("A. B.", "C", False),
    ]


def test_page_break_rules_on_a_small_book():
    paragraphs = [
        "One sentence ends.",
        "Another stops in the middle of",
        "the sentence, which goes on.",
        "A name is cut in Trumpler",
        "14. And goes on.",
        "It stops after a name like Active",
        "Galactic Nuclei, which go on.",
        "It ends with a number like 82",
        "But this is a new sentence.",
        "See the figures in Smith et al.",
        "2019 for details.",
    ]
    text = mini_book(record("S", 1, "T", text="\n\n".join(paragraphs)))
    abstract = parse_book(text).abstracts[0].abstract
    assert abstract.split("\n\n") == [
        "One sentence ends.",
        "Another stops in the middle of the sentence, which goes on.",
        "A name is cut in Trumpler 14. And goes on.",
        "It stops after a name like Active Galactic Nuclei, which go on.",
        "It ends with a number like 82",
        "But this is a new sentence.",
        "See the figures in Smith et al. 2019 for details.",
    ]


def test_lines_of_one_paragraph_are_joined_and_hyphenated_words_kept():
    text = mini_book(
        record("S", 1, "A title that is\nwrapped", text="A hard-\nwrapped high-\nresolution line\nof text.")
    )
    r = parse_book(text).abstracts[0]
    assert r.title == "A title that is wrapped"
    assert r.abstract == "A hard-wrapped high-resolution line of text."


def test_consecutive_speaker_lines_all_count():
    text = mini_book(record("S", 1, "T", speaker="Invited Speaker: A (X)\nSpeaker: B; C (Y (Z))"))
    speakers = parse_book(text).abstracts[0].speakers
    assert [(s.name, s.affiliation, s.invited) for s in speakers] == [
        ("A", "X", True),
        ("B", "Y (Z)", False),
        ("C", "Y (Z)", False),
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Ann Lee (INAF (OAS); Bologna), Bob Ray", [("Ann Lee", "INAF (OAS); Bologna"), ("Bob Ray", None)]),
        ("Ann Lee", [("Ann Lee", None)]),
        ("Ann Lee (Unclosed, Inst", [("Ann Lee", "Unclosed, Inst")]),
        ("**Ann** *Lee* (X)", [("Ann Lee", "X")]),
        ("", []),
        (" , ; ", []),
    ],
)
def test_parse_speaker_line(line, expected):
    assert [(s.name, s.affiliation) for s in parse_speaker_line(line)] == expected


def test_toc_mismatches_become_warnings_naming_file_and_line():
    toc = "\n".join(
        [
            "Alpha title\t1",
            "Gamma title\t2",  # out of order: Beta comes before it in the body
            "Beta title\t2",
            "Missing from the body\t3",
            "Twice in the body\t4",
            "A very long title that the contents cut . . .\t5",
            "Chal- lenges of hyphenation\t6",
            "A title wrapped over",
            "two lines in the contents\t7",
        ]
    )
    text = mini_book(
        record("S", 1, "Alpha title"),
        record("S", 2, "Beta title"),
        record("S", 3, "Gamma title"),
        record("S", 4, "Twice in the body"),
        record("S", 5, "Twice in the body"),
        record("S", 6, "A very long title that the contents cut short"),
        record("S", 7, "Challenges of hyphenation"),
        record("S", 8, "Not listed anywhere"),
        record("S", 9, "A title wrapped over two lines in the contents"),
        toc=toc,
    )
    warnings = parse_book(text, "b.txt").warnings
    codes = [re.match(r"b\.txt:(\d+): (W\d{3}) ", w).groups() for w in warnings]
    assert sorted(codes) == sorted(
        [("6", "W003"), ("8", "W001"), ("9", "W002"), (str(_line_of(text, "S / 8")), "W004")]
    ), warnings
    assert any("'Gamma title' out of book order" in w for w in warnings)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_text_between_a_day_header_and_a_session_header_is_reported_not_lost_silently():
    text = "Monday, 8 July 2024\n\nstray footer 12\n\n" + record("S", 1, "T")
    parsed = parse_book(text, "b.txt")
    assert [r.id for r in parsed.abstracts] == ["s-1"]
    assert parsed.warnings == ["b.txt:3: W005 text outside any abstract ignored: 'stray footer 12'"]


# --- the book parser: bad books ------------------------------------------------------


def test_text_with_no_header_is_not_a_book():
    error = raised_by("Just some prose.\n\nNo headers at all.\n")
    assert (error.code, error.path, error.line) == ("E005", "t.txt", None)
    assert raised_by("Contents\n\nA title\t1\n").code == "E005"


def test_header_without_speaker_line_before_the_next_header():
    text = mini_book(record("S", 1, "T"), "S / 2\n\nTitle but no speaker\n\nText.", record("S", 3, "T3"))
    error = raised_by(text)
    assert (error.code, error.line) == ("E006", _line_of(text, "S / 2"))
    assert "'S / 2'" in error.one_line()


@pytest.mark.parametrize(
    "broken, code",
    [
        ("S / 2\n\nTitle but no speaker\n\nText.", "E018"),  # last record: runs into the end of the file
        ("S / 2\n\nSpeaker: A (B)\n\nText.", "E016"),  # no title
        ("S / 2\n\nTitle\n\nSpeaker: A (B)", "E017"),  # no abstract
        ("S / 2\n\nTitle\n\nSpeaker: (INAF)\n\nText.", "E019"),  # nobody named
        ("S / 1\n\nTitle\n\nSpeaker: A (B)\n\nText.", "E009"),  # duplicate id
    ],
)
def test_bad_records_raise_with_their_line_or_are_skipped(broken, code):
    text = mini_book(record("S", 1, "T"), broken)
    error = raised_by(text)
    assert error.code == code
    broken_at = text.rindex(broken) + (broken.index("Speaker:") if code == "E019" else 0)
    assert error.line == text[:broken_at].count("\n") + 1
    parsed = parse_book(text, "t.txt", skip_bad=True)
    assert [r.id for r in parsed.abstracts] == ["s-1"]
    assert [e.code for e in parsed.skipped] == [code]


def test_duplicate_message_names_the_first_line():
    text = mini_book(record("S", 1, "T"), record("S", 1, "T again"))
    assert (
        raised_by(text).one_line()
        == f"t.txt:{_line_of(text, 'T again') - 2}: E009 duplicate id 's-1' (first seen at line 3)"
    )


@pytest.mark.parametrize("first_text", ["First text.", "First text.\n\nSecond paragraph."])
def test_speaker_line_whose_header_is_missing_is_refused_not_glued_to_the_previous_abstract(first_text):
    orphan = "Orphan title\n\nSpeaker: C (D)\n\nOrphan text."
    text = mini_book(record("S", 1, "T", text=first_text), orphan, record("S", 3, "T3"))
    error = raised_by(text)
    assert (error.code, error.line) == ("E020", _line_of(text, "Speaker: C (D)"))
    parsed = parse_book(text, skip_bad=True)
    assert [(r.id, r.abstract) for r in parsed.abstracts] == [("s-1", first_text), ("s-3", "Text.")]
    assert [e.code for e in parsed.skipped] == ["E020"]


# --- property-based: mangled excerpts of the real book ---------------------------------


BOOK_LINES = BOOK_TEXT.split("\n")


def _record_spans() -> list[tuple[int, int]]:
    """(first, end) line indexes of each record in the book; a span includes a day header that follows."""
    starts = [r.line - 1 for r in book().abstracts]
    return list(zip(starts, [*starts[1:], len(BOOK_LINES)]))


SPANS = _record_spans()


def _day_before(index: int) -> str:
    return next(line for line in reversed(BOOK_LINES[:index]) if book_parser._DAY_HEADER.match(line))


def excerpt(first: int, count: int) -> list[str]:
    """Lines of ``count`` consecutive records of the book, preceded by the day header they fall under."""
    start, end = SPANS[first][0], SPANS[first + count - 1][1]
    return [_day_before(start), "", *BOOK_LINES[start:end]]


def summary(parsed: BookParse) -> list[tuple]:
    return [
        (r.id, r.title, str(r.date), [(s.name, s.affiliation, s.invited) for s in r.speakers]) for r in parsed.abstracts
    ]


excerpts = st.tuples(st.integers(0, len(SPANS) - 1), st.integers(1, 5)).map(
    lambda pair: (pair[0], min(pair[1], len(SPANS) - pair[0]))
)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mangle_whitespace(lines: list[str], draw) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line.strip():
            out.extend([""] * draw(st.integers(0, 2)))  # blank lines dropped or doubled
            continue
        if draw(st.booleans()):
            line = draw(st.sampled_from([" ", "\t", "  "])) + line
        if draw(st.booleans()):
            line = line + draw(st.sampled_from([" ", "\t", "   "]))
        if draw(st.booleans()):
            line = line.replace(" ", draw(st.sampled_from(["  ", "\t", " \t "])))
        if draw(st.booleans()):
            line = re.sub(r"(?<=[A-Za-z]) / (?=\d+\s*$)", "/", line)  # "Time domain/1"
            line = re.sub(r"^(\s*(?:Invited )?Speaker:) ", r"\1", line)  # "Speaker:Name"
        out.append(line)
    return out


def _mixed_line_endings(lines: list[str], draw) -> str:
    endings = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines)))
    return "".join(line + end for line, end in zip(lines, endings))


def _fuse(lines: list[str], draw) -> list[str]:
    """Fuse one record's header, title and speaker line into one line through ``**``, as extraction does."""
    headers = [i for i, line in enumerate(lines) if book_parser._SESSION_HEADER.match(line)]
    if not headers:
        return lines
    at = draw(st.sampled_from(headers))
    speaker = next(i for i in range(at, len(lines)) if book_parser._SPEAKER_LINE.match(lines[i]))
    title = " ".join(line for line in lines[at + 1 : speaker] if line.strip())
    label, _, names = lines[speaker].partition(":")
    if draw(st.booleans()):
        fused = [f"{lines[at]}**{title}****{label}:**{names}"]
    else:
        fused = [f"{lines[at]}**{title}**", "", lines[speaker]]
    return lines[:at] + fused + lines[speaker + 1 :]


@PROPERTY
@given(excerpts, st.data())
def test_mangled_whitespace_line_endings_and_fused_headers_parse_the_same(chosen, data):
    lines = excerpt(*chosen)
    expected = summary(parse_book("\n".join(lines)))
    assert len(expected) == chosen[1]
    if data.draw(st.booleans(), label="fuse"):
        lines = _fuse(lines, data.draw)
    lines = _mangle_whitespace(lines, data.draw)
    text = _mixed_line_endings(lines, data.draw)
    parsed = parse_book(text, "mangled.txt")
    assert summary(parsed) == expected
    assert parsed.skipped == []
    for r in parsed.abstracts:
        assert "**" not in r.to_json_line()
        assert "\r" not in r.abstract and "\n\n\n" not in r.abstract


@PROPERTY
@given(excerpts, st.data())
def test_truncated_excerpts_keep_the_untouched_records_or_fail_cleanly(chosen, data):
    lines = excerpt(*chosen)
    text = "\n".join(lines)
    expected = summary(parse_book(text))
    cut = data.draw(st.integers(0, len(text)), label="cut")
    header_starts = [m.start() for m in re.finditer(r"(?m)^.+ / \d+(?:\*\*.*)?$", text)]
    untouched = max(0, sum(1 for start in header_starts if start <= cut) - 1)
    truncated = _mixed_line_endings(text[:cut].split("\n"), data.draw)
    try:
        parsed = parse_book(truncated, "cut.txt")
    except InputError as error:
        assert error.path == "cut.txt"
        return
    got = summary(parsed)
    assert len(got) >= untouched
    assert got == expected[: len(got)]


BOOKISH_PIECES = [*"ab /*:\t\r\n12(),.$", "Speaker: ", "S / 1", "Monday, 8 July 2024", "**", "Contents", "\t3"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(BOOKISH_PIECES), max_size=80).map("".join))
def test_arbitrary_text_parses_or_fails_with_input_error(text):
    try:
        parsed = parse_book(text, "fuzz.txt", skip_bad=True)
    except InputError:
        return
    for r in parsed.abstracts:
        assert r.id and r.title and r.abstract and "**" not in r.to_json_line()


# --- read_abstracts: files ----------------------------------------------------------------


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read_all(*paths: Path, **options) -> list[Abstract]:
    return list(read_abstracts(list(paths), **options))


def error_reading(*paths: Path, **options) -> InputError:
    with pytest.raises(InputError) as caught:
        read_all(*paths, **options)
    return caught.value


def test_read_abstracts_reads_the_book_file_and_reports_its_warnings(tmp_path):
    warnings: list[str] = []
    records = read_all(BOOK, on_warning=warnings.append)
    assert [r.id for r in records] == [r.id for r in book().abstracts]
    assert {r.source for r in records} == {BOOK.name}
    assert warnings == []
    text = mini_book(record("S", 1, "Listed"), record("S", 2, "Unlisted"), toc="Listed\t1")
    read_all(write(tmp_path, "b.md", text), on_warning=warnings.append)
    assert warnings == [
        f"{tmp_path / 'b.md'}:{_line_of(text, 'S / 2')}: W004 abstract 'Unlisted' is not in the table of contents"
    ]


JSONL = "\n".join(
    [
        '{"id": "a-1", "title": " Deep  learning\\nfor galaxies ", "abstract": "We train a CNN.", "year": 2024,'
        ' "tags": ["cnn", "galaxies"], "doi": null, "score": 0.5}',
        "",
        '{"id": 7, "title": "T2", "abstract": "B.", "session": "Time domain", "number": "3", "date": "2024-07-08",'
        ' "speakers": "Ann Lee (INAF (OAS)), Bob Ray"}',
        '{"id": "a-3", "title": "T3", "abstract": "C.", "speakers": [{"name": "Cy", "invited": true}, "Di (X)"]}',
    ]
)


def test_jsonl_records_keep_extra_fields_with_their_json_types(tmp_path):
    first, second, third = read_all(write(tmp_path, "in.jsonl", JSONL))
    assert (first.id, first.title, first.abstract) == ("a-1", "Deep learning for galaxies", "We train a CNN.")
    assert first.metadata == {"year": 2024, "tags": ["cnn", "galaxies"], "doi": None, "score": 0.5}
    assert (first.source, first.line, second.line, third.line) == ("in.jsonl", 1, 3, 4)
    assert (second.id, second.session, second.number, str(second.date)) == ("7", "Time domain", 3, "2024-07-08")
    assert [(s.name, s.affiliation) for s in second.speakers] == [("Ann Lee", "INAF (OAS)"), ("Bob Ray", None)]
    assert [(s.name, s.affiliation, s.invited) for s in third.speakers] == [("Cy", None, True), ("Di", "X", False)]


CSV = (
    "\ufeffID,Title,abstract,year,notes\r\n"
    '1,"A title, with a comma","Line one.\r\nLine two.",2024,\r\n'
    "\r\n"
    "2,Second,Text.,,kept as text\r\n"
)


def test_csv_records_keep_extra_columns_as_strings(tmp_path):
    first, second = read_all(write(tmp_path, "in.csv", CSV))
    assert (first.id, first.title, first.abstract, first.line) == (
        "1",
        "A title, with a comma",
        "Line one.\r\nLine two.",
        2,
    )
    assert first.metadata == {"year": "2024", "notes": ""}
    assert (second.id, second.line, second.metadata) == ("2", 5, {"year": "", "notes": "kept as text"})


def test_inputs_are_read_in_order_and_ids_are_unique_across_them(tmp_path):
    jsonl = write(tmp_path, "a.jsonl", '{"id": "s-1", "title": "T", "abstract": "A."}\n')
    book_path = write(tmp_path, "b.txt", mini_book(record("S", 1, "T"), record("S", 2, "U")))
    error = error_reading(jsonl, book_path)
    assert error.one_line() == f"{book_path}:3: E009 duplicate id 's-1' (first seen at line 1 of a.jsonl)"
    skipped: list[InputError] = []
    records = read_all(jsonl, book_path, skip_bad=True, on_skip=skipped.append)
    assert [(r.id, r.source) for r in records] == [("s-1", "a.jsonl"), ("s-2", "b.txt")]
    assert [e.code for e in skipped] == ["E009"]


def test_reading_streams_records_before_a_later_bad_line(tmp_path):
    path = write(tmp_path, "in.jsonl", '{"id": "1", "title": "T", "abstract": "A."}\n{not json\n')
    records = read_abstracts([path])
    assert next(records).id == "1"
    with pytest.raises(InputError) as caught:
        next(records)
    assert (caught.value.code, caught.value.line) == ("E007", 2)


def test_a_large_jsonl_file_is_read_in_bounded_memory(tmp_path):
    body = "x" * 5000
    path = tmp_path / "big.jsonl"
    with path.open("w") as handle:
        for n in range(2000):
            handle.write(json.dumps({"id": str(n), "title": "T", "abstract": body}) + "\n")
    assert path.stat().st_size > 10_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_abstracts([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert peak < 2_000_000


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("x.jsonl", "", "jsonl"),
        ("x.NDJSON", "", "jsonl"),
        ("x.json-lines", "", "jsonl"),
        ("x.csv", "", "csv"),
        ("x.txt", "", "book"),
        ("x.md", "", "book"),
        ("x.dat", '  {"id": 1}\n', "jsonl"),
        ("x.dat", "id,title,abstract\n", "csv"),
        ("x", "Contents\n\nTitle\t1\n", "book"),
        ("x", "Time domain / 1**Title**\n", "book"),
    ],
)
def test_format_by_extension_then_by_content(tmp_path, name, content, expected):
    assert detect_format(write(tmp_path, name, content)) == expected


def test_undetectable_and_unknown_formats(tmp_path):
    prose = write(tmp_path, "notes.dat", "Just some notes.\n")
    assert (
        error_reading(prose).one_line()
        == f"{prose}: E010 cannot tell the input format of this file; pass --input-format"
    )
    records = read_all(write(tmp_path, "book.dat", mini_book(record("S", 1, "T"))), input_format="book")
    assert [r.id for r in records] == ["s-1"]
    with pytest.raises(InputError) as caught:
        read_abstracts([prose], input_format="xml")  # refused at the call, before any reading
    assert caught.value.code == "E013"


@pytest.mark.parametrize(
    "name, content, code, line",
    [
        ("empty.jsonl", b"", "E002", None),
        ("blank.jsonl", b"\n  \n\n", "E002", None),
        ("blank.txt", b"\n \r\n\t\n", "E002", None),
        ("blank.csv", b"\n\n", "E002", None),
        ("binary.txt", b"Contents\n\x89PNG\x00\x00", "E003", 2),
        ("binary.jsonl", b"\x00\x01\x02", "E003", 1),
        ("utf16.txt", "Monday, 8 July 2024".encode("utf-16"), "E004", 1),
        ("latin1.txt", "Monday, 8 July 2024\n\nS / 1\n\nCaf\u00e9\n".encode("latin-1"), "E004", 5),
        ("prose.txt", b"Just prose, no header.\n", "E005", None),
        ("nojson.jsonl", b'{"id": "1", "title": "T", "abstract": "A."}\n{"id": "2",\n', "E007", 2),
        ("nullabstract.jsonl", b'{"id": "1", "title": "T", "abstract": null}\n', "E008", 1),
        ("noabstract.jsonl", b'\n{"id": "1", "title": "T", "abstract": "  "}\n', "E008", 2),
        ("noid.jsonl", b'{"title": "T", "abstract": "A."}\n', "E008", 1),
        ("array.jsonl", b"[1, 2]\n", "E012", 1),
        ("number.jsonl", b'{"id": "1", "title": 3, "abstract": "A."}\n', "E012", 1),
        ("date.jsonl", b'{"id": "1", "title": "T", "abstract": "A.", "date": "8 July"}\n', "E012", 1),
        ("badcol.csv", b"id,title,summary\n1,T,A\n", "E011", 1),
        ("twice.csv", b"id,title,abstract,Title\n1,T,A,B\n", "E021", 1),
        ("cells.csv", b"id,title,abstract\n1,T,A,extra\n", "E012", 2),
        ("noid.csv", b"id,title,abstract\n\n,T,A\n", "E008", 3),
    ],
)
def test_bad_input_raises_one_error_naming_file_and_line(tmp_path, name, content, code, line):
    path = write(tmp_path, name, content)
    error = error_reading(path)
    assert (error.code, error.path, error.line) == (code, str(path), line)
    assert "\n" not in error.one_line()
    assert error.one_line().startswith(f"{path}:{line}: {code} " if line else f"{path}: {code} ")


def test_a_record_without_a_title_is_read_as_its_abstract_alone(tmp_path):
    jsonl = write(
        tmp_path,
        "a.jsonl",
        '{"id": "1", "abstract": "A CNN on Gaia."}\n'
        '{"id": "2", "title": "  ", "abstract": "B."}\n{"id": "3", "title": null, "abstract": "C."}\n',
    )
    csv_path = write(tmp_path, "b.csv", "id,abstract,year\nb-1,A random forest.,2021\n")
    records = read_all(jsonl, csv_path)
    assert [(r.id, r.title, r.abstract) for r in records] == [
        ("1", "", "A CNN on Gaia."),
        ("2", "", "B."),
        ("3", "", "C."),
        ("b-1", "", "A random forest."),
    ]
    assert records[3].metadata == {"year": "2021"}
    assert error_reading(write(tmp_path, "c.jsonl", '{"id": "1", "title": ["T"], "abstract": "A."}\n')).code == "E012"


def test_not_utf8_says_line_and_column(tmp_path):
    book_path = write(tmp_path, "b.txt", b"Monday, 8 July 2024\r\n\r\nab\xe9cd\n")
    assert (
        error_reading(book_path).one_line() == f"{book_path}:3: E004 text is not UTF-8 (invalid byte 0xe9 at column 3)"
    )
    jsonl = write(tmp_path, "a.jsonl", b'{"id": "1", "title": "T", "abstract": "A."}\n' + b'{"id": "\xc3\xa9\xff"}\n')
    assert error_reading(jsonl).one_line() == f"{jsonl}:2: E004 text is not UTF-8 (invalid byte 0xff at column 10)"


def test_missing_file_and_directory_are_refused_before_reading(tmp_path):
    good = write(tmp_path, "a.jsonl", '{"id": "1", "title": "T", "abstract": "A."}\n')
    with pytest.raises(InputError) as caught:
        read_abstracts([good, tmp_path / "missing.jsonl"])
    assert caught.value.one_line() == f"{tmp_path / 'missing.jsonl'}: E001 file not found"
    with pytest.raises(InputError) as caught:
        read_abstracts([tmp_path])
    assert caught.value.code == "E023"


def test_overlong_lines_and_fields_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_files, "MAX_LINE_BYTES", 100)
    path = write(
        tmp_path,
        "a.jsonl",
        json.dumps({"id": "1", "title": "T", "abstract": "x" * 300})
        + "\n"
        + json.dumps({"id": "2", "title": "T", "abstract": "y"})
        + "\n",
    )
    assert (error_reading(path).code, error_reading(path).line) == ("E022", 1)
    skipped: list[InputError] = []
    assert [r.id for r in read_all(path, skip_bad=True, on_skip=skipped.append)] == ["2"]
    assert [e.code for e in skipped] == ["E022"]


def test_a_csv_field_over_the_csv_limit_is_refused(tmp_path):
    big = write(tmp_path, "big.csv", "id,title,abstract\n1,T," + "x" * 200_000 + "\n2,T,A\n")
    error = error_reading(big)
    assert (error.code, error.line) == ("E015", 2)
    skipped: list[InputError] = []
    assert [r.id for r in read_all(big, skip_bad=True, on_skip=skipped.append)] == ["2"]
    assert [e.code for e in skipped] == ["E015"]


def test_skip_bad_reports_every_bad_record_and_keeps_the_good_ones(tmp_path):
    path = write(
        tmp_path,
        "mixed.jsonl",
        b'{"id": "1", "title": "T", "abstract": "A."}\n'
        b"{oops\n"
        b'{"id": "2", "title": "T"}\n'
        b'{"id": "3", "title": "T", "abstract": "\xff"}\n'
        b'{"id": "1", "title": "T", "abstract": "again"}\n'
        b'{"id": "4", "title": "T", "abstract": "D."}\n',
    )
    skipped: list[InputError] = []
    records = read_all(path, skip_bad=True, on_skip=skipped.append)
    assert [r.id for r in records] == ["1", "4"]
    assert [(e.code, e.line) for e in skipped] == [("E007", 2), ("E008", 3), ("E004", 4), ("E009", 5)]


def test_skip_bad_in_a_csv_skips_only_the_record_with_the_bad_line(tmp_path):
    path = write(tmp_path, "mixed.csv", b'id,title,abstract\n1,T,"A\nmulti-line \xff"\n2,T,B\n')
    skipped: list[InputError] = []
    records = read_all(path, skip_bad=True, on_skip=skipped.append)
    assert [r.id for r in records] == ["2"]
    assert [(e.code, e.line) for e in skipped] == [("E004", 3)]


def test_skip_bad_in_a_book_keeps_book_order(tmp_path):
    text = mini_book(record("S", 1, "T"), "S / 2\n\nNo speaker\n\nText.", record("S", 3, "T3"))
    skipped: list[InputError] = []
    records = read_all(write(tmp_path, "b.txt", text), skip_bad=True, on_skip=skipped.append)
    assert [r.id for r in records] == ["s-1", "s-3"]
    assert [(e.code, e.line) for e in skipped] == [("E006", _line_of(text, "S / 2"))]


def test_a_book_too_big_to_parse_whole_or_with_an_overlong_line_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path, "b.txt", mini_book(record("S", 1, "T", text="A long line of text.")))
    monkeypatch.setattr(ingest_files, "MAX_LINE_BYTES", 15)
    error = error_reading(path)
    assert (error.code, error.line) == ("E022", 1)  # "Monday, 8 July 2024"
    monkeypatch.setattr(book_parser, "MAX_BOOK_BYTES", 10)
    assert error_reading(path).code == "E024"


def test_check_files_refuses_unreadable_inputs_before_any_work(tmp_path):
    good = write(tmp_path, "a.jsonl", GOOD_JSONL_LINE)
    ingest.check_files([good, BOOK])
    for bad, code in [
        (tmp_path / "missing.csv", "E001"),
        (write(tmp_path, "empty.csv", b""), "E002"),
        (write(tmp_path, "bin.dat", b"\x00\x01"), "E003"),
        (write(tmp_path, "notes.dat", b"Just notes.\n"), "E010"),
    ]:
        with pytest.raises(InputError) as caught:
            ingest.check_files([good, bad])
        assert (caught.value.code, caught.value.path) == (code, str(bad))
    ingest.check_files([tmp_path / "notes.dat"], input_format="book")  # the format is the user's word
    with pytest.raises(InputError) as caught:
        ingest.check_files([good], input_format="xml")
    assert caught.value.code == "E013"


GOOD_JSONL_LINE = '{"id": "1", "title": "T", "abstract": "A."}\n'
