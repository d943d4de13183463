"""Danish to the last page (issue 27): every parameter of every packaged set has a Danish
source and note, and the Danish demo report (PDF text and workbook) holds no English
sentence.

The English test looks for English function words ("the", "and", "of", "with", ...) as
whole words, after removing what may stay in its own language: quotations and titles in
quotes ('...', "...", ‘...’, “...”), web addresses, DOIs and file paths, and the names in
:data:`ALLOWED` (journal and organisation names). A Danish text has none of these words;
an English sentence of any length has several.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.inputs.parameters import danish_catalogue, parameter_text

#: English words that are not Danish words (so "for", "at", "by", "to", "is", "under" and
#: "over", which Danish uses too, are left out).
ENGLISH_WORDS = frozenset(
    """the and of with from this that these those not are was were which than or its it
    into only also each every would should could been has their there when where who
    what between above below after before other others an in on as our your they them
    used read here none such same most more less while whose""".split()
)

#: Names that keep English words (journals, organisations, titles printed without quotes).
ALLOWED = (
    "Energy and Buildings",
    "Transportation Research Part A",
    "Remote and hybrid work",
)

# a quotation opens after a non-letter and closes before one; an apostrophe inside a word
# (O'Brien) is removed first and a Danish genitive (DESNZ' faktor) never opens a quotation
_QUOTED = re.compile(r"(?<!\w)'(?=[\w(.])[^']*?'(?!\w)|\"[^\"]*\"|‘[^’]*’|“[^”]*”|«[^»]*»")
_ADDRESS = re.compile(
    r"\b(?:https?://|www\.)\S+|\bdoi:\S+|\S+/\S+|\S+\.(?:dk|com|org|uk|fr|be|no|se|de|eu|jp|is|net|gov)\b\S*"
)


def english_words(text: str) -> list[str]:
    """The English function words in ``text`` outside quotes, addresses and allowed names.

    >>> english_words("Antagelse: 'a day of working from home' (R2); ingen kilde læst")
    []
    >>> english_words("Range from the guide's rural values")
    ['from', 'the']
    """
    for name in ALLOWED:
        text = text.replace(name, " ")
    text = re.sub(r"(?<=\w)['’](?=\w)", "", text)  # O'Brien, guide's
    text = _QUOTED.sub(" ", text)
    text = _ADDRESS.sub(" ", text)
    words = re.findall(r"[A-Za-z]+", text)
    return [w for w in words if w.lower() in ENGLISH_WORDS and not (w.isupper() and len(w) > 1)]


def _context(text: str, words: list[str]) -> str:
    """The text around the first English word found."""
    m = re.search(rf"\b{re.escape(words[0])}\b", text)
    return text[max(0, m.start() - 80) : m.end() + 80] if m else text[:160]


def english_lines(texts) -> list[str]:
    """Each text (line) with an English word, and the words found."""
    out = []
    for text in texts:
        found = english_words(str(text))
        if found:
            out.append(f"{found}: {str(text)[:160]}")
    return out


# -- the parameter texts -------------------------------------------------------------------
def _packaged_texts():
    """(file, key, field, English text) of every packaged set and variant."""
    folder = resources.files("remotecalc.data").joinpath("parameters")
    files = [f for f in folder.iterdir() if f.name.endswith(".toml")]
    files += [f for f in folder.joinpath("variants").iterdir() if f.name.endswith(".toml")]
    for f in files:
        data = tomllib.loads(f.read_text(encoding="utf-8"))

        def walk(prefix, table, name=f.name):
            if "value" in table or "same_as" in table:
                for field in ("source", "note"):
                    if field in table:
                        yield name, prefix, field, table[field]
                return
            for k, v in table.items():
                if isinstance(v, dict):
                    yield from walk(f"{prefix}.{k}" if prefix else k, v, name)

        for field in ("description", "emission_scope_note"):
            if field in data.get("meta", {}):
                yield f.name, "meta", field, data["meta"][field]
        yield from walk("", {k: v for k, v in data.items() if k != "meta"})


def test_every_parameter_of_every_set_has_danish_source_and_note():
    texts = list(_packaged_texts())
    assert len(texts) > 500  # both sets and the variant: about 300 parameters
    catalogue = danish_catalogue()
    missing = [f"{f}: {k}.{field}" for f, k, field, en in texts if en not in catalogue]
    assert not missing, "no Danish for:\n" + "\n".join(missing)
    # one source of truth: no Danish text left behind for an English one that is gone
    used = {en for *_, en in texts}
    stale = [en[:80] for en in catalogue if en not in used]
    assert not stale, "Danish for English texts no set has:\n" + "\n".join(stale)
    # and the Danish is Danish, is not the English, and keeps the statuses named
    english = english_lines(catalogue.values())
    assert not english, "\n".join(english)
    for en, da in catalogue.items():
        if len(en) > 40:
            assert da != en, en[:80]
        for tag in ("R2", "(R)", "(M)", "(C)"):
            assert (tag in en) <= (tag in da), (tag, en[:80])


@pytest.mark.parametrize("name", ["dk-2025", "uk-desnz-2025"])
def test_describe_in_danish_has_words_not_code(name):
    p = rc.load_parameters(name)
    d = p.describe("da")
    assert not english_lines(d["source"]) and not english_lines(d["note"])
    unc = d["uncertainty"].dropna()
    assert not unc.str.contains(r"low=|high=|triangular|uniform|same as").any()
    row = d.set_index("key")
    if name == "dk-2025":
        assert row.loc["workdays_per_year", "uncertainty"] == (
            "trekantsfordeling fra 200 til 223, typisk 216"
        )
        assert row.loc["mode.car.occupancy", "uncertainty"] == "ligefordeling fra 1 til 1,2"
    # a linked key says whose range it follows, by name
    linked = d[d["uncertainty"].str.startswith("varieres sammen med", na=False)]
    assert len(linked) and not linked["uncertainty"].str.contains(r"mode\.").any()
    # the stored table is unchanged without a language
    assert p.describe()["uncertainty"].str.contains("triangular", na=False).any()


def test_generated_parameter_texts_are_in_both_languages():
    p = rc.load_parameters("dk-2025").with_overrides({"mode.car.occupancy": 1.2})
    row = p.describe("da").set_index("key").loc["mode.car.occupancy"]
    assert row["source"] == "brugerens egen værdi"
    assert row["note"].startswith("Brugerens egen værdi; var 1,05 (R2: Vejdirektoratet")
    assert parameter_text("override", "en") == "override"


# -- the Danish demo report --------------------------------------------------------------
@pytest.fixture(scope="module")
def danish_demo(tmp_path_factory):
    """The demo job's report in Danish (the demo's scenarios; fewer employees and draws)."""
    from remotecalc.datasets import demo_workforce
    from remotecalc.i18n import t
    from remotecalc.outputs.report import pdf_unavailable, report

    if pdf_unavailable():
        pytest.skip(pdf_unavailable())
    lang = "da"
    scenarios = [
        rc.Scenario(name=t("demo_1", lang), remote_days_per_week=1),
        rc.Scenario(name=t("demo_2", lang), remote_days_per_week=2),
        rc.Scenario(
            name=t("demo_2_anchor", lang),
            remote_days_per_week=2,
            anchor_days=("tue", "thu"),
            release_space=1.0,
        ),
        rc.Scenario(name=t("demo_3", lang), remote_days_per_week=3, release_space=1.0),
    ]
    files = report(
        demo_workforce(600, seed=0),
        scenarios,
        "dk-2025",
        out=tmp_path_factory.mktemp("demo_da"),
        lang=lang,
        main=t("demo_3", lang),
        organisation=t("demo_org", lang),
        n_draws=40,
        sensitivity_n_base=16,
        seed=1,
        dpi=60,
    )
    return files


def test_danish_demo_pdf_has_no_english_sentence(danish_demo):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(danish_demo.pdf))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    # a table cell may wrap a quotation over lines: read each page as one text (hyphens
    # that break a word at a line end removed)
    text = "\n".join(pages).replace("\ufffe", "").replace("\x02", "")
    english = []
    for i, page in enumerate(pages):
        flat = " ".join(page.replace("\ufffe", "").replace("\x02", "").split())
        found = english_words(flat)
        if found:
            english.append(f"page {i + 1}: {found}: {_context(flat, found)}")
    assert not english, "English in the Danish PDF:\n" + "\n".join(english[:40])
    for code in (
        "ISCO_DESK_BASED",
        "per_site",
        "release_space",
        "onsite_days_per_week =",
        "column_map",
        "(e)",
        "(s)",
        "(er)",
        "triangular(",
        "uniform(",
    ):
        assert code not in text, code
    assert "trekantsfordeling fra" in text and "fra kilde til hjul" in text
    # Danish writes "29 %" (a quotation keeps its own way)
    assert not re.search(r"\d%", _QUOTED.sub(" ", " ".join(text.split())))


def test_danish_demo_workbook_has_no_english_sentence(danish_demo):
    book = pd.read_excel(danish_demo.xlsx, sheet_name=None)
    problems = []
    for name, sheet in book.items():
        cells = [str(c) for c in sheet.columns]
        for col in sheet.columns:
            if "Nøgle" in str(col):  # the key column keeps the keys, labelled as such
                continue
            cells += [str(v) for v in sheet[col].dropna() if isinstance(v, str)]
        problems += [f"{name}: {line}" for line in english_lines(cells)]
    assert not problems, "English in the Danish workbook:\n" + "\n".join(problems[:40])
