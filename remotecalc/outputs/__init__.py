"""What a person reads: the report, figures, the climate account and map joins.

``report`` (HTML, PDF and workbook), ``plotting`` (Axes in, Axes out), ``climate`` (the
Scope 3 Category 7 account), ``boundaries`` (joins to municipality boundaries).
Every spreadsheet and CSV is written by :mod:`remotecalc.exports`.
"""
