"""Occupation codes to teleworkability: ISCO-08/DISCO-08 to the JRC index, SOC to Dingel–Neiman.

Two published indices say how far an occupation can be done from home:

* the JRC technical teleworkability index of Sostero et al. (2020), on ISCO-08 minor groups
  (3 digits), from 0 (cannot be done at home) to 1 (fully teleworkable); **shipped with
  remotecalc** (``remotecalc/data/teleworkability_isco08_jrc.csv``, :func:`packaged_jrc_index`)
  and used by :func:`remotecalc.read_staffing` when a staff file has no teleworkable column;
* the work-at-home classification of Dingel & Neiman (2020), on US O*NET-SOC occupations
  (0 or 1) and, averaged with employment weights, on SOC 6-digit occupations (0 to 1); not
  shipped (GPL-3.0): pass your copy by path.

An employer's register holds finer codes: ISCO-08 unit groups (4 digits) or the Danish DISCO-08
(6 digits; its first 4 digits are the ISCO-08 unit group). Both are reduced to their 3-digit
minor group, which is where the JRC index lives. Codes that cannot be resolved are **reported,
never silently dropped**: every mapping returns the values (NaN where unresolved) *and* a
report with one row per distinct code, its status and how many employees carry it.

These functions read and map only; :mod:`remotecalc.estimation.teleworkability` adds the
values to a workforce and summarises them by group.

References
----------
Sostero, M., Milasi, S., Hurley, J., Fernández-Macías, E., & Bisello, M. (2020).
Teleworkability and the COVID-19 crisis: a new digital divide? JRC Working Papers on Labour,
Education and Technology 2020/05, European Commission, JRC121193. Data:
https://github.com/m-sostero/telework-occupations

Dingel, J. I., & Neiman, B. (2020). How many jobs can be done at home? Journal of Public
Economics 189, 104235. https://doi.org/10.1016/j.jpubeco.2020.104235. Data (GPL-3.0):
https://github.com/jdingel/DingelNeiman-workathome
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, cast

import numpy as np
import pandas as pd

from remotecalc.errors import StaffingError

__all__ = [
    "JRC_FILE",
    "JRC_VALUE_COLUMN",
    "MATCHED_STATUSES",
    "CodeMatch",
    "load_dingel_neiman",
    "load_jrc_index",
    "map_isco_to_jrc",
    "map_soc_to_dingel_neiman",
    "packaged_jrc_index",
]

#: The JRC index as shipped in ``remotecalc/data`` (attribution in its ``.md`` beside it).
JRC_FILE = "teleworkability_isco08_jrc.csv"

#: Column of the JRC file that holds the technical teleworkability index (0–1, 1 = fully
#: teleworkable); the file's "Social interaction" column is the social-interaction index.
JRC_VALUE_COLUMN = "Physical interaction"

#: Statuses of a code that received a value.
MATCHED_STATUSES = (
    "exact",
    "reduced_from_4_digit",
    "reduced_from_disco",
    "reduced_to_soc",
    "mean_of_onet",
)

_REPORT_COLUMNS = ["code", "employees", "digits", "matched_code", "level", "status", "teleworkable"]


class CodeMatch(NamedTuple):
    """Result of mapping occupation codes to a teleworkability index.

    Unpack it: ``values, report = map_isco_to_jrc(codes, table)``.
    """

    values: pd.Series
    """Teleworkability per input code, 0–1, NaN where unresolved; index of the input. [share]"""
    report: pd.DataFrame
    """One row per distinct code: ``code`` (as given), ``employees`` (how often it occurs),
    ``digits``, ``matched_code``, ``level`` (level of the index matched), ``status`` and
    ``teleworkable``. Unresolved statuses: ``missing``, ``invalid``, ``too_coarse``,
    ``not_in_table``."""

    @property
    def unmatched(self) -> pd.DataFrame:
        """The report rows of codes that received no value."""
        return self.report.loc[~self.report["status"].isin(MATCHED_STATUSES)]


# ---------------------------------------------------------------------------------------
# Loading the published tables
# ---------------------------------------------------------------------------------------


def _where_none(cond: Any, values: Any) -> np.ndarray:
    """``np.where(cond, values, None)``: an object array with None where ``cond`` is False."""
    # cast: with untyped arguments the stubs pick the one-argument overload (a tuple)
    return cast(np.ndarray, np.where(cond, values, None))


def _read_csv_text(path, what: str) -> tuple[pd.DataFrame, str]:
    path = Path(path)
    if not path.exists():
        raise StaffingError(f"{what} file not found: {path}")
    return pd.read_csv(path, dtype=str, keep_default_na=False), path.name


def _index_problems(
    file,
    codes: pd.Series,
    valid: pd.Series,
    values: pd.Series,
    code_column: str,
    value_column: str,
    expected_code: str,
) -> None:
    """Raise StaffingError for bad codes, duplicate codes or values outside 0–1."""
    rows = pd.RangeIndex(2, 2 + len(codes))  # header is row 1
    number = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    bad_code = ~valid.to_numpy()
    dup = codes.duplicated(keep=False).to_numpy() & ~bad_code
    bad_value = ~((number >= 0.0) & (number <= 1.0))
    problems = pd.concat(
        [
            pd.DataFrame(
                {
                    "row": rows[bad_code],
                    "column": code_column,
                    "value": codes.to_numpy()[bad_code],
                    "problem": expected_code,
                }
            ),
            pd.DataFrame(
                {
                    "row": rows[dup],
                    "column": code_column,
                    "value": codes.to_numpy()[dup],
                    "problem": "code appears more than once; expected each code once",
                }
            ),
            pd.DataFrame(
                {
                    "row": rows[bad_value],
                    "column": value_column,
                    "value": values.to_numpy()[bad_value],
                    "problem": "expected a number from 0 to 1",
                }
            ),
        ],
        ignore_index=True,
    )
    if problems.empty:
        return
    problems = problems.sort_values(["row", "column"], kind="stable", ignore_index=True)
    problems.insert(0, "file", file)
    lines = [
        (
            f"{file}: {len(problems)} problem(s) in the teleworkability table (rows "
            "numbered as in the file, header = row 1):"
        )
    ]
    lines += [
        f"  - row {r.row}, column '{r.column}': found '{r.value}'; {r.problem}"
        for r in problems.head(10).itertuples()
    ]
    raise StaffingError("\n".join(lines), problems=problems)


def load_jrc_index(path: str | Path) -> pd.DataFrame:
    """Read the JRC teleworkability index of Sostero et al. (2020), by ISCO-08 minor group.

    Parameters
    ----------
    path : str or pathlib.Path
        The CSV as published (``sostero2020_isco08_3digit.csv``: columns ``ISCO08``,
        ``Occupation Title``, ``Physical interaction``, ``Social interaction``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``isco08`` (3-digit text, leading zeros kept), columns ``title``,
        ``teleworkable`` (the technical teleworkability index, from the column
        :data:`JRC_VALUE_COLUMN`) [share] and ``social_interaction`` [-]. ``attrs`` holds
        ``source`` (file name) and ``index`` (``"JRC teleworkability index (Sostero et al.
        2020)"``).

    Raises
    ------
    remotecalc.StaffingError
        A code that is not 3 digits, a code twice, or an index value outside 0–1, named by row.

    Notes
    -----
    In the JRC file the column called "Physical interaction" holds the *technical
    teleworkability* index (software developers 1.0, nurses 0.0); see
    ``../shared/data/README.md``.

    Examples
    --------
    >>> import io
    >>> text = "ISCO08,Occupation Title,Physical interaction,Social interaction\\n" \\
    ...        "251,Software developers,1.000,0.4\\n222,Nursing professionals,0.000,0.9\\n"
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp()) / "jrc.csv"
    >>> _ = tmp.write_text(text, encoding="utf-8")
    >>> load_jrc_index(tmp)["teleworkable"].to_dict()
    {'251': 1.0, '222': 0.0}
    """
    raw, name = _read_csv_text(path, "JRC teleworkability")
    required = ["ISCO08", "Occupation Title", JRC_VALUE_COLUMN]
    missing = [c for c in required if c not in raw.columns]
    if missing:
        raise StaffingError(
            f"{name}: missing column(s) {', '.join(map(repr, missing))}; "
            f"expected the JRC file with columns {', '.join(required)} "
            f"(found: {', '.join(map(repr, raw.columns))})."
        )
    code = raw["ISCO08"].str.strip()
    _index_problems(
        name,
        code,
        code.str.fullmatch(r"\d{3}"),
        raw[JRC_VALUE_COLUMN],
        "ISCO08",
        JRC_VALUE_COLUMN,
        "expected a 3-digit ISCO-08 minor group, as "
        "text (armed forces: 011, 021, 031 with their leading zero)",
    )
    out = pd.DataFrame(
        {
            "title": raw["Occupation Title"].to_numpy(),
            "teleworkable": raw[JRC_VALUE_COLUMN].astype(float).to_numpy(),
        },
        index=pd.Index(code.to_numpy(), name="isco08"),
    )
    if "Social interaction" in raw.columns:
        out["social_interaction"] = pd.to_numeric(
            raw["Social interaction"], errors="coerce"
        ).to_numpy()
    out.attrs.update(source=name, index="JRC teleworkability index (Sostero et al. 2020)")
    return out


def load_dingel_neiman(path: str | Path) -> pd.DataFrame:
    """Read the Dingel & Neiman (2020) work-at-home classification (O*NET-SOC or SOC codes).

    Parameters
    ----------
    path : str or pathlib.Path
        Either ``dingel_neiman_onet_occupations.csv`` (columns ``onetsoccode``, ``title``,
        ``teleworkable`` 0/1; codes ``XX-XXXX.XX``) or ``dingel_neiman_bls_occupations.csv``
        (columns ``OCC_CODE``, ``OES_TITLE``, ``teleworkable`` 0–1; SOC codes ``XX-XXXX``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``onetsoc`` or ``soc`` (which one tells :func:`map_soc_to_dingel_neiman`
        the table's level), columns ``title`` and ``teleworkable``. [share]

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp()) / "dn.csv"
    >>> _ = tmp.write_text("OCC_CODE,OES_TITLE,teleworkable\\n15-1252,Software Developers,1\\n",
    ...                    encoding="utf-8")
    >>> load_dingel_neiman(tmp).index.name
    'soc'
    """
    raw, name = _read_csv_text(path, "Dingel-Neiman")
    if "onetsoccode" in raw.columns:
        code_col, title_col, level, pattern, expected = (
            "onetsoccode",
            "title",
            "onetsoc",
            r"\d{2}-\d{4}\.\d{2}",
            "expected an O*NET-SOC code such as 11-1011.00",
        )
    elif "OCC_CODE" in raw.columns:
        code_col, title_col, level, pattern, expected = (
            "OCC_CODE",
            "OES_TITLE",
            "soc",
            r"\d{2}-\d{4}",
            "expected a SOC 6-digit code such as 11-1011",
        )
    else:
        raise StaffingError(
            f"{name}: expected a Dingel-Neiman occupation file with a column "
            f"'onetsoccode' (O*NET) or 'OCC_CODE' (SOC); found: "
            f"{', '.join(map(repr, raw.columns))}."
        )
    if "teleworkable" not in raw.columns:
        raise StaffingError(f"{name}: no column 'teleworkable'.")
    code = raw[code_col].str.strip()
    _index_problems(
        name,
        code,
        code.str.fullmatch(pattern),
        raw["teleworkable"],
        code_col,
        "teleworkable",
        expected,
    )
    out = pd.DataFrame(
        {
            "title": raw[title_col].to_numpy() if title_col in raw.columns else "",
            "teleworkable": raw["teleworkable"].astype(float).to_numpy(),
        },
        index=pd.Index(code.to_numpy(), name=level),
    )
    out.attrs.update(source=name, index="Dingel & Neiman (2020) work-at-home classification")
    return out


# ---------------------------------------------------------------------------------------
# Mapping codes
# ---------------------------------------------------------------------------------------


def _as_code_text(codes) -> tuple[pd.Series, pd.Series]:
    """The input as a Series (index kept) and its cleaned text ('' for missing)."""
    s = codes if isinstance(codes, pd.Series) else pd.Series(np.asarray(codes, dtype=object))
    text = s.astype("string").str.strip().fillna("")
    text = text.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)  # 2411.0 from a float column
    text = text.str.replace(r"\s+", "", regex=True)
    text = text.mask(text.str.lower().isin({"nan", "na", "n/a", "none", "-"}), "")
    return s, text


def _finish(
    s: pd.Series, text: pd.Series, uniq: pd.DataFrame, inverse: np.ndarray, name: str
) -> CodeMatch:
    values = pd.Series(
        uniq["teleworkable"].to_numpy(dtype=float)[inverse], index=s.index, name=name
    )
    counts = np.bincount(inverse, minlength=len(uniq))
    report = uniq.assign(employees=counts)[_REPORT_COLUMNS]
    order = np.lexsort(
        (report["code"].astype(str).to_numpy(), report["status"].isin(MATCHED_STATUSES).to_numpy())
    )
    return CodeMatch(values, report.iloc[order].reset_index(drop=True))


def map_isco_to_jrc(
    codes: Sequence[str] | np.ndarray | pd.Series, table: pd.DataFrame
) -> CodeMatch:
    """Teleworkability of ISCO-08 or DISCO-08 occupation codes from the JRC 3-digit index.

    Parameters
    ----------
    codes : array-like or pandas.Series of str
        Occupation codes, one per employee: ISCO-08 minor groups (3 digits), unit groups
        (4 digits) or Danish DISCO-08 codes (5–6 digits). Pass them as **text**: an integer
        column loses the leading zero of armed-forces codes (``0110``).
    table : pandas.DataFrame
        From :func:`load_jrc_index`.

    Returns
    -------
    CodeMatch
        ``values`` (index of ``codes``) [share] and ``report``. Statuses: ``exact``
        (3 digits in the table), ``reduced_from_4_digit``, ``reduced_from_disco`` (5–6 digits),
        ``too_coarse`` (1–2 digits: a major or sub-major group spans jobs from fully to not at
        all teleworkable, so no value is guessed), ``not_in_table`` (a well-formed minor group
        the index does not cover, e.g. armed forces or 631–634 subsistence workers),
        ``invalid`` (not 1–6 digits) and ``missing`` (blank).

    Notes
    -----
    ISCO-08 is hierarchical: the first three digits of a unit group (4 digits) are its minor
    group, and DISCO-08 extends the ISCO-08 unit group with two Danish digits, so every code
    with 4–6 digits reduces to ``code[:3]``. Every employee of a minor group gets its index
    value: differences between unit groups within a minor group are not in the index.

    References
    ----------
    Sostero et al. (2020), JRC Working Papers on Labour, Education and Technology 2020/05.

    Examples
    --------
    >>> table = pd.DataFrame({"teleworkable": [1.0, 0.0]},
    ...                      index=pd.Index(["251", "222"], name="isco08"))
    >>> values, report = map_isco_to_jrc(["2512", "251220", "222", "22", "999", None], table)
    >>> values.tolist()
    [1.0, 1.0, 0.0, nan, nan, nan]
    >>> report[["code", "status"]].to_records(index=False).tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [('', 'missing'), ('22', 'too_coarse'), ('999', 'not_in_table'), ('222', 'exact'),
     ('2512', 'reduced_from_4_digit'), ('251220', 'reduced_from_disco')]
    """
    s, text = _as_code_text(codes)
    inverse, uniques = pd.factorize(text, sort=True)
    u = pd.Series(np.asarray(uniques, dtype=object), dtype="string")
    digits = u.str.fullmatch(r"\d{1,6}").fillna(False).to_numpy()
    n_digits = u.str.len().to_numpy()
    minor = u.str[:3].to_numpy(dtype=object)
    in_table = np.isin(minor, table.index.to_numpy()) & digits & (n_digits >= 3)
    status = np.select(
        [u.to_numpy() == "", ~digits, n_digits <= 2, ~in_table, n_digits == 3, n_digits == 4],
        ["missing", "invalid", "too_coarse", "not_in_table", "exact", "reduced_from_4_digit"],
        default="reduced_from_disco",
    )
    value = table["teleworkable"].reindex(np.where(in_table, minor, "")).to_numpy(dtype=float)
    uniq = pd.DataFrame(
        {
            "code": u.to_numpy(dtype=object),
            "digits": np.where(digits, n_digits, 0),
            "matched_code": _where_none(in_table, minor),
            "level": _where_none(in_table, "ISCO-08 3-digit"),
            "status": status,
            "teleworkable": np.where(in_table, value, np.nan),
        }
    )
    return _finish(s, text, uniq, inverse, "teleworkable")


def map_soc_to_dingel_neiman(
    codes: Sequence[str] | np.ndarray | pd.Series, table: pd.DataFrame
) -> CodeMatch:
    """Teleworkability of US SOC or O*NET-SOC codes from the Dingel & Neiman (2020) tables.

    Parameters
    ----------
    codes : array-like or pandas.Series of str
        SOC 6-digit codes (``11-1011`` or ``111011``) or O*NET-SOC codes (``11-1011.03``).
    table : pandas.DataFrame
        From :func:`load_dingel_neiman`, either level.

    Returns
    -------
    CodeMatch
        ``values`` [share] and ``report``. Statuses: ``exact``; ``reduced_to_soc`` (an
        O*NET code looked up by its SOC 6-digit occupation in the SOC table, or an O*NET code
        missing from the O*NET table); ``mean_of_onet`` (a SOC code looked up in the O*NET
        table: the unweighted mean of its O*NET occupations); ``not_in_table``; ``invalid``;
        ``missing``.

    Notes
    -----
    Dingel & Neiman aggregate O*NET occupations to SOC codes with employment weights
    (their SOC file); the O*NET table has no weights, so ``mean_of_onet`` uses the plain
    mean (it equals their SOC value for 96 % of SOC codes in the published files). Prefer the
    SOC table for SOC codes.

    Examples
    --------
    >>> onet = pd.DataFrame({"teleworkable": [1.0, 0.0]},
    ...                     index=pd.Index(["11-1011.00", "11-1011.03"], name="onetsoc"))
    >>> values, report = map_soc_to_dingel_neiman(["11-1011.03", "111011", "99-9999"], onet)
    >>> values.tolist(), report["status"].tolist()
    ([0.0, 0.5, nan], ['not_in_table', 'exact', 'mean_of_onet'])
    """
    s, text = _as_code_text(codes)
    inverse, uniques = pd.factorize(text, sort=True)
    u = pd.Series(np.asarray(uniques, dtype=object), dtype="string")
    m = u.str.extract(r"^(\d{2})-?(\d{4})(?:\.(\d{2}))?$")
    valid = m[0].notna().to_numpy()
    soc = (m[0] + "-" + m[1]).to_numpy(dtype=object)
    onet = np.where(m[2].notna(), soc + "." + m[2].fillna(""), None)
    is_onet = m[2].notna().to_numpy()
    tab = table["teleworkable"]
    if table.index.name == "onetsoc":
        exact = tab.reindex(np.where(is_onet, onet, "")).to_numpy(dtype=float)
        soc_mean = tab.groupby(table.index.str[:7]).mean()
        by_soc = soc_mean.reindex(np.where(valid, soc, "")).to_numpy(dtype=float)
        has_exact = is_onet & ~np.isnan(exact)
        soc_status = np.where(is_onet, "reduced_to_soc", "mean_of_onet")
        level = np.where(has_exact, "O*NET-SOC", "SOC 6-digit (mean of O*NET)")
        matched = np.where(has_exact, onet, soc)
    elif table.index.name == "soc":
        exact = np.full(len(u), np.nan)
        by_soc = tab.reindex(np.where(valid, soc, "")).to_numpy(dtype=float)
        has_exact = np.zeros(len(u), dtype=bool)
        soc_status = np.where(is_onet, "reduced_to_soc", "exact")
        level = np.full(len(u), "SOC 6-digit", dtype=object)
        matched = soc
    else:
        raise ValueError("table must come from load_dingel_neiman (index 'onetsoc' or 'soc')")
    found = valid & (has_exact | ~np.isnan(by_soc))
    status = np.select(
        [u.to_numpy() == "", ~valid, ~found, has_exact],
        ["missing", "invalid", "not_in_table", "exact"],
        default=soc_status,
    )
    uniq = pd.DataFrame(
        {
            "code": u.to_numpy(dtype=object),
            "digits": np.where(valid, np.where(is_onet, 8, 6), 0),
            "matched_code": _where_none(found, matched),
            "level": _where_none(found, level),
            "status": status,
            "teleworkable": np.where(has_exact, exact, np.where(found, by_soc, np.nan)),
        }
    )
    return _finish(s, text, uniq, inverse, "teleworkable")


@functools.cache
def _packaged_jrc() -> pd.DataFrame:
    with resources.as_file(resources.files("remotecalc.data").joinpath(JRC_FILE)) as path:
        table = load_jrc_index(path)
    table.attrs["source"] = f"{JRC_FILE} (Sostero et al. 2020, JRC; shipped with remotecalc)"
    return table


def packaged_jrc_index() -> pd.DataFrame:
    """The JRC teleworkability index shipped with remotecalc (a copy; see :func:`load_jrc_index`).

    Sostero et al. (2020), JRC Working Papers on Labour, Education and Technology 2020/05;
    the file and its attribution are ``remotecalc/data/teleworkability_isco08_jrc.{csv,md}``.

    Examples
    --------
    >>> t = packaged_jrc_index()
    >>> float(t.loc["411", "teleworkable"]), float(t.loc["532", "teleworkable"])
    (1.0, 0.0)
    """
    return _packaged_jrc().copy()
