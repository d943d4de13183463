"""Danish and English labels for figures, reports and workbooks.

One table of texts, looked up by key and language; units and numbers formatted the way each
language writes them (English ``1,234.5``; Danish ``1.234,5``). Metric labels, English and
Danish, come from the metrics registry (:mod:`remotecalc.model.metrics`, the single source); a
test checks that every metric has both.

Examples
--------
>>> from remotecalc.i18n import t, fmt_number, unit_label
>>> t("desks_needed_axis", "da")
'Arbejdspladser, der er brug for'
>>> fmt_number(-1234.5, "da", 1), fmt_number(-1234.5, "en", 1)
('−1.234,5', '−1,234.5')
>>> unit_label("t CO2e/yr", "da")
't CO₂e/år'
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import cast

__all__ = [
    "COLUMN_LABELS",
    "LANGUAGES",
    "MODE_FAMILY_NAMES",
    "MODE_NAMES",
    "NOTE_TEXTS",
    "NOTE_WORDS",
    "PARAMETER_LABELS",
    "PARAMETER_TOPICS",
    "TEXTS",
    "WEEKDAY_NAMES",
    "Note",
    "check_lang",
    "column_label",
    "describe_scenario",
    "fmt_big",
    "fmt_number",
    "fmt_percent",
    "join_words",
    "metric_label",
    "note_text",
    "parameter_label",
    "parameter_topic",
    "t",
    "unit_label",
    "weekday_names",
]

#: Languages every text has.
LANGUAGES: tuple[str, ...] = ("en", "da")

#: key -> {"en": text, "da": text}. ``{name}`` placeholders are filled by :func:`t`.
TEXTS: dict[str, dict[str, str | list[str]]] = {
    # -- general ------------------------------------------------------------------------
    "today": {"en": "Today", "da": "I dag"},
    "scenario": {"en": "Scenario", "da": "Scenarie"},
    "scenarios": {"en": "Scenarios", "da": "Scenarier"},
    "change": {"en": "Change", "da": "Ændring"},
    "employees": {"en": "Employees", "da": "Medarbejdere"},
    "employees_n": {"en": "{n} employees", "da": "{n} medarbejdere"},
    "source": {"en": "Source", "da": "Kilde"},
    "parameter_set": {"en": "parameter set", "da": "parametersæt"},
    "made_with": {"en": "remotecalc {version}", "da": "remotecalc {version}"},
    "range_5_95": {"en": "5–95 % range", "da": "5–95 %-interval"},
    "central": {"en": "Central estimate", "da": "Centralt skøn"},
    "not_computed": {"en": "not computed", "da": "ikke beregnet"},
    "other_groups": {"en": "Other ({n} groups pooled)", "da": "Øvrige ({n} grupper samlet)"},
    "other_in_parent": {
        "en": "{parent} / other ({n} pooled)",
        "da": "{parent} / øvrige ({n} samlet)",
    },
    "other_sites": {"en": "Other sites ({n} pooled)", "da": "Øvrige lokaliteter ({n} samlet)"},
    # -- waterfall ----------------------------------------------------------------------
    "wf_today": {"en": "Today", "da": "I dag"},
    "wf_commute": {"en": "Commute\nsaved", "da": "Sparet\npendling"},
    "wf_home": {"en": "Home energy\nadded", "da": "Ekstra energi\ni hjemmet"},
    "wf_noncommute": {"en": "Other trips\nadded", "da": "Ekstra\nøvrige ture"},
    "wf_ict": {"en": "ICT\nadded", "da": "Ekstra\nIT"},
    "wf_office": {"en": "Office\nsaved", "da": "Sparet\nkontor"},
    "wf_scenario": {"en": "Scenario", "da": "Scenarie"},
    "wf_ylabel": {"en": "CO₂e [t CO₂e/yr]", "da": "CO₂e [t CO₂e/år]"},
    "wf_decrease": {"en": "Decrease", "da": "Fald"},
    "wf_increase": {"en": "Increase (rebound)", "da": "Stigning (rebound)"},
    "wf_total": {"en": "Total", "da": "I alt"},
    "wf_caption": {
        "en": "Annual CO₂e of commuting, home energy, other trips and offices, today and under "
        "the scenario. Rebound: extra home energy and extra non-commute trips on home "
        "days.",
        "da": "Årlig CO₂e fra pendling, energi i hjemmet, øvrige ture og kontorer, i dag og i "
        "scenariet. Rebound: ekstra energi i hjemmet og ekstra ture på "
        "hjemmearbejdsdage.",
    },
    "axis_not_zero": {"en": "Axis starts at {v}.", "da": "Aksen starter ved {v}."},
    # -- distribution and groups ----------------------------------------------------------
    "hours_saved_axis": {
        "en": "Commuting time saved per employee [h/yr]",
        "da": "Sparet pendlingstid pr. medarbejder [timer/år]",
    },
    "money_saved_axis": {
        "en": "Money saved per employee [{cur}/yr]",
        "da": "Sparede penge pr. medarbejder [{cur}/år]",
    },
    "co2e_saved_axis": {
        "en": "CO₂e saved per employee [kg CO₂e/yr]",
        "da": "Sparet CO₂e pr. medarbejder [kg CO₂e/år]",
    },
    "employees_axis": {"en": "Employees [persons]", "da": "Medarbejdere [personer]"},
    "no_gain": {
        "en": "{n} employees ({share}) gain no home days (not shown)",
        "da": "{n} medarbejdere ({share}) får ingen hjemmedage (ikke vist)",
    },
    "median": {"en": "Median {v}", "da": "Median {v}"},
    "mean": {"en": "Mean {v}", "da": "Gennemsnit {v}"},
    "dist_caption": {
        "en": "Employees who gain home days under the scenario. The lowest and highest "
        "{p} % of values are pooled in the end bars.",
        "da": "Medarbejdere, der får hjemmedage i scenariet. De laveste og højeste {p} % "
        "af værdierne er samlet i de yderste søjler.",
    },
    "group_hours_axis": {
        "en": "Mean commuting time saved [h/yr per employee]",
        "da": "Sparet pendlingstid i gennemsnit [timer/år pr. medarbejder]",
    },
    "group_money_axis": {
        "en": "Mean money saved [{cur}/yr per employee]",
        "da": "Sparede penge i gennemsnit [{cur}/år pr. medarbejder]",
    },
    "cannot_telework": {"en": "cannot telework", "da": "kan ikke arbejde hjemme"},
    "group_note": {"en": "n = {n}; {share} no home day", "da": "n = {n}; {share} uden hjemmedag"},
    "group_caption": {
        "en": "Mean per employee of each group; 'no home day' = employees whose on-site days "
        "do not fall (job not teleworkable, or policy does not apply). Groups under "
        "{k} employees are pooled.",
        "da": "Gennemsnit pr. medarbejder i hver gruppe; 'uden hjemmedag' = medarbejdere, "
        "hvis fremmødedage ikke falder (jobbet kan ikke udføres hjemme, eller "
        "ordningen gælder ikke). Grupper under {k} medarbejdere er slået sammen.",
    },
    # -- desks ----------------------------------------------------------------------------
    "desks_needed_axis": {"en": "Desks needed", "da": "Arbejdspladser, der er brug for"},
    "desks_axis": {"en": "Desks needed [desks]", "da": "Arbejdspladser [antal]"},
    "service_level_axis": {
        "en": "Service level: chance everyone finds a desk on the busiest weekday [%]",
        "da": "Serviceniveau: sandsynlighed for, at alle finder en "
        "arbejdsplads på ugens travleste dag [%]",
    },
    "desks_today": {"en": "Desks today ({v})", "da": "Arbejdspladser i dag ({v})"},
    "chosen_level": {"en": "Chosen level", "da": "Valgt niveau"},
    "desk_caption": {
        "en": "Desks needed = the service-level quantile of attendance on the peak weekday "
        "(Poisson-binomial over employees), summed over {sites}.",
        "da": "Arbejdspladser = serviceniveau-kvantilen af fremmødet på ugens travleste dag "
        "(Poisson-binomial over medarbejdere), summeret over {sites}.",
    },
    "all_sites": {"en": "all sites", "da": "alle lokaliteter"},
    # -- remote-days bands ------------------------------------------------------------------
    "remote_days_axis": {
        "en": "Remote days granted [days/week]",
        "da": "Tilladte hjemmearbejdsdage [dage/uge]",
    },
    "bands_caption": {
        "en": "Change against today. Line: central estimate; band: 5–95 % range of {n} Monte "
        "Carlo draws over the uncertain parameters. Other levers as in the scenario "
        "named below.",
        "da": "Ændring i forhold til i dag. Linje: centralt skøn; bånd: 5–95 %-interval af {n} "
        "Monte Carlo-træk over de usikre parametre. Øvrige forhold som i scenariet "
        "nævnt nedenfor.",
    },
    "release_space": {"en": "surplus space given up: {v}", "da": "overskydende areal afgivet: {v}"},
    "uptake": {"en": "uptake {v}", "da": "tilslutning {v}"},
    "desk_ratio": {"en": "desk ratio {v}", "da": "arbejdspladsfaktor {v}"},
    "service_level": {"en": "service level {v}", "da": "serviceniveau {v}"},
    # -- tornado ---------------------------------------------------------------------------
    "param_low": {"en": "Parameter at its low value", "da": "Parameter ved lav værdi"},
    "param_high": {"en": "Parameter at its high value", "da": "Parameter ved høj værdi"},
    "tornado_axis": {"en": "{label} [{unit}]", "da": "{label} [{unit}]"},
    "tornado_caption": {
        "en": "One parameter at a time set to a low and a high value of its declared "
        "uncertainty (in brackets), all others at their central values; centre line = "
        "central estimate ({v}).",
        "da": "Én parameter ad gangen sat til en lav og en høj værdi inden for sin "
        "usikkerhed (i parentes), alle andre på deres centrale værdi; midterlinje = "
        "centralt skøn ({v}).",
    },
    # -- sites and scenarios ------------------------------------------------------------------
    "site_caption": {
        "en": "Per site, today and under the scenario. Sites under {k} employees are pooled; "
        "desk results of fewer than {k} people are withheld.",
        "da": "Pr. lokalitet, i dag og i scenariet. Lokaliteter under {k} medarbejdere er "
        "slået sammen; resultater for arbejdspladser vises ikke for færre end {k} personer.",
    },
    "withheld": {"en": "withheld", "da": "tilbageholdt"},
    "scenario_comparison_caption": {
        "en": "Change against today; whiskers: 5–95 % range where computed.",
        "da": "Ændring i forhold til i dag; streger: 5–95 %-interval, hvor det er beregnet.",
    },
    # -- map -------------------------------------------------------------------------------
    "map_caption": {
        "en": "By the municipality employees live in. Grey hatched: under {k} employees, or "
        "withheld so that small groups cannot be derived. Boundaries: {boundary_source}.",
        "da": "Efter den kommune, medarbejderne bor i. Grå skravering: under {k} "
        "medarbejdere, eller tilbageholdt, så små grupper ikke kan udledes. Grænser: "
        "{boundary_source}.",
    },
    "map_withheld": {
        "en": "Under {k} employees / withheld",
        "da": "Under {k} medarbejdere / tilbageholdt",
    },
    "map_no_staff": {"en": "No employees", "da": "Ingen medarbejdere"},
    "map_value": {"en": "{label} [{unit}]", "da": "{label} [{unit}]"},
    "co2e_saved_total": {"en": "Commute CO₂e saved", "da": "Sparet CO₂e fra pendling"},
    "employees_living": {"en": "Employees living there", "da": "Medarbejdere bosat"},
    "hours_saved_total": {"en": "Commuting time saved", "da": "Sparet pendlingstid"},
    # -- report ---------------------------------------------------------------------------
    "report_title": {
        "en": "Remote and hybrid work: what it is worth",
        "da": "Hjemme- og hybridarbejde: hvad det er værd",
    },
    "report_subtitle": {
        "en": "{org}: {n} employees at {sites} sites; {k} scenario(s) against today",
        "da": "{org}: {n} medarbejdere på {sites} lokaliteter; {k} scenarie(r) "
        "sammenlignet med i dag",
    },
    "generated": {
        "en": "Made {date} with remotecalc {version}; parameter set {pset} ({scope}).",
        "da": "Lavet {date} med remotecalc {version}; parametersæt {pset} ({scope}).",
    },
    "contents": {"en": "Contents", "da": "Indhold"},
    "sec_summary": {"en": "Executive summary", "da": "Sammenfatning"},
    "sec_headline": {"en": "Headline results", "da": "Hovedresultater"},
    "sec_co2e": {"en": "CO₂e by component", "da": "CO₂e fordelt på kilder"},
    "sec_people": {"en": "Who gains", "da": "Hvem vinder"},
    "sec_office": {"en": "Offices and desks", "da": "Kontorer og arbejdspladser"},
    "sec_uncertainty": {"en": "Uncertainty", "da": "Usikkerhed"},
    "sec_map": {"en": "Where employees live", "da": "Hvor medarbejderne bor"},
    "sec_scenarios": {"en": "Scenarios", "da": "Scenarier"},
    "sec_method": {"en": "Method", "da": "Metode"},
    "sec_assumptions": {"en": "Assumptions", "da": "Forudsætninger"},
    "sec_data": {"en": "Data accounting", "da": "Dataregnskab"},
    "sec_privacy": {"en": "Privacy", "da": "Databeskyttelse"},
    "figure": {"en": "Figure", "da": "Figur"},
    "table": {"en": "Table", "da": "Tabel"},
    "metric": {"en": "Metric", "da": "Størrelse"},
    "unit": {"en": "Unit", "da": "Enhed"},
    "value": {"en": "Value", "da": "Værdi"},
    "year": {"en": "Year", "da": "År"},
    "status": {"en": "Status", "da": "Status"},
    "key": {"en": "Parameter", "da": "Parameter"},
    "uncertainty_col": {"en": "Uncertainty", "da": "Usikkerhed"},
    "group": {"en": "Group", "da": "Gruppe"},
    "site": {"en": "Site", "da": "Lokalitet"},
    "rows": {"en": "Rows", "da": "Rækker"},
    "item": {"en": "Item", "da": "Post"},
    "column": {"en": "Column", "da": "Kolonne"},
    "problem": {"en": "Problem", "da": "Problem"},
    "notes": {"en": "Notes", "da": "Noter"},
    "rows_read": {"en": "Rows read", "da": "Rækker indlæst"},
    "rows_used": {"en": "Rows used", "da": "Rækker brugt"},
    "rows_excluded": {"en": "Rows excluded", "da": "Rækker udeladt"},
    "file": {"en": "File", "da": "Fil"},
    "sites_file": {"en": "Sites file", "da": "Fil med lokaliteter"},
    "headline_note": {
        "en": "Change against today per year (scenario minus today); under each value the "
        "5–95 % range from {n} Monte Carlo draws over the uncertain parameters.",
        "da": "Ændring i forhold til i dag pr. år (scenarie minus i dag); under hver værdi "
        "5–95 %-intervallet fra {n} Monte Carlo-træk over de usikre parametre.",
    },
    "headline_note_no_ranges": {
        "en": "Change against today per year (scenario minus today). Ranges were not "
        "computed: {why}.",
        "da": "Ændring i forhold til i dag pr. år (scenarie minus i dag). Intervaller er "
        "ikke beregnet: {why}.",
    },
    "why_no_analysis": {
        "en": "remotecalc.analysis is not available in this installation",
        "da": "remotecalc.analysis findes ikke i denne installation",
    },
    "why_switched_off": {
        "en": "ranges were switched off (ranges=False)",
        "da": "intervaller er slået fra (ranges=False)",
    },
    "ranges_missing_fig": {
        "en": "Not shown: ranges were not computed ({why}).",
        "da": "Ikke vist: intervaller er ikke beregnet ({why}).",
    },
    "to": {"en": "to", "da": "til"},
    "today_value": {"en": "Today", "da": "I dag"},
    # executive summary sentences
    "es_org": {
        "en": "{n} employees at {sites} sites; {k} scenario(s) assessed against today "
        "with parameter set {pset}. Figures in the sections below are for "
        "“{main}” unless they say otherwise.",
        "da": "{n} medarbejdere på {sites} lokaliteter; {k} scenarie(r) vurderet i "
        "forhold til i dag med parametersæt {pset}. Figurerne nedenfor gælder "
        "“{main}”, medmindre andet er nævnt.",
    },
    "es_commute": {
        "en": "Under “{name}”, commuting changes by {km} km a year ({pct}); "
        "employees save {hours} hours of commuting and {cur} {money} a year "
        "in total.",
        "da": "I “{name}” ændres pendlingen med {km} km om året ({pct}); "
        "medarbejderne sparer i alt {hours} timers pendling og {money} {cur} "
        "om året.",
    },
    "es_co2e": {
        "en": "Net CO₂e changes by {co2} t a year{range}, after a rebound of "
        "{rebound} t from extra home energy and other trips on home days.",
        "da": "Netto-CO₂e ændres med {co2} t om året{range}, efter en rebound på "
        "{rebound} t fra ekstra energi i hjemmet og øvrige ture på "
        "hjemmearbejdsdage.",
    },
    "es_office_release": {
        "en": "The offices need {desks} desks instead of {desks_b}; "
        "{area} m² of office space is given up, and the employer's "
        "office cost changes by {cur} {office} a year.",
        "da": "Kontorerne har brug for {desks} arbejdspladser i stedet for "
        "{desks_b}; {area} m² kontorareal afgives, og arbejdsgiverens "
        "kontorudgift ændres med {office} {cur} om året.",
    },
    "es_office_keep": {
        "en": "The offices need {desks} desks instead of {desks_b}, but no "
        "space is given up in this scenario: the employer's office cost "
        "changes by {cur} {office} a year (occupancy costs only).",
        "da": "Kontorerne har brug for {desks} arbejdspladser i stedet for "
        "{desks_b}, men der afgives ikke areal i dette scenarie: "
        "arbejdsgiverens kontorudgift ændres med {office} {cur} om året "
        "(kun brugsafhængige udgifter).",
    },
    "es_no_gain": {
        "en": "{share} of employees gain no home day: their jobs cannot be done "
        "from home, or the policy does not apply to them.",
        "da": "{share} af medarbejderne får ingen hjemmedag: deres job kan ikke "
        "udføres hjemmefra, eller ordningen gælder ikke for dem.",
    },
    "es_range_across": {
        "en": "Across the scenarios, net CO₂e changes by between {lo} and {hi} t a year.",
        "da": "På tværs af scenarierne ændres netto-CO₂e med mellem {lo} og {hi} t om året.",
    },
    "es_ranges": {
        "en": "Ranges (5–95 %) come from {n} Monte Carlo draws over the uncertain "
        "parameters of the parameter set.",
        "da": "Intervallerne (5–95 %) kommer fra {n} Monte Carlo-træk over "
        "parametersættets usikre parametre.",
    },
    # figure titles
    "fig_scen_co2e": {
        "en": "Net CO₂e and net money cost by scenario",
        "da": "Netto-CO₂e og nettoudgift pr. scenarie",
    },
    "fig_waterfall": {
        "en": "From today's to the scenario's CO₂e: {name}",
        "da": "Fra dagens til scenariets CO₂e: {name}",
    },
    "fig_dist_hours": {
        "en": "Commuting time saved per employee",
        "da": "Sparet pendlingstid pr. medarbejder",
    },
    "fig_dist_money": {"en": "Money saved per employee", "da": "Sparede penge pr. medarbejder"},
    "fig_group": {"en": "Who gains, by {by}", "da": "Hvem vinder, efter {by}"},
    "fig_desks": {
        "en": "Desks needed against the service level",
        "da": "Arbejdspladser i forhold til serviceniveau",
    },
    "fig_sites": {"en": "Desks needed per site", "da": "Arbejdspladser pr. lokalitet"},
    "fig_bands": {
        "en": "{label} against remote days granted",
        "da": "{label} i forhold til tilladte hjemmearbejdsdage",
    },
    "fig_tornado": {
        "en": "What moves the result: {label}",
        "da": "Hvad flytter resultatet: {label}",
    },
    "fig_map": {
        "en": "Commute CO₂e saved by home municipality",
        "da": "Sparet CO₂e fra pendling efter bopælskommune",
    },
    "groups_col": {"en": "{by}", "da": "{by}"},
    "hours_saved_col": {
        "en": "Commuting time saved [h/yr per employee]",
        "da": "Sparet pendlingstid [timer/år pr. medarbejder]",
    },
    "money_saved_col": {
        "en": "Money saved [{cur}/yr per employee]",
        "da": "Sparede penge [{cur}/år pr. medarbejder]",
    },
    "co2e_saved_col": {
        "en": "Travel and home CO₂e saved [t CO₂e/yr]",
        "da": "Sparet CO₂e fra transport og hjem [t CO₂e/år]",
    },
    "no_home_day_col": {
        "en": "No home day [% of employees]",
        "da": "Uden hjemmedag [% af medarbejdere]",
    },
    "employees_col": {"en": "Employees [persons]", "da": "Medarbejdere [personer]"},
    "desks_today_col": {"en": "Desks needed today [desks]", "da": "Arbejdspladser i dag [antal]"},
    "desks_scenario_col": {
        "en": "Desks needed, scenario [desks]",
        "da": "Arbejdspladser, scenarie [antal]",
    },
    "area_released_col": {"en": "Area given up [m²]", "da": "Areal afgivet [m²]"},
    "office_cost_col": {
        "en": "Office cost, change [{unit}]",
        "da": "Kontorudgift, ændring [{unit}]",
    },
    "office_co2e_col": {
        "en": "Office CO₂e, change [t CO₂e/yr]",
        "da": "CO₂e fra kontorer, ændring [t CO₂e/år]",
    },
    # desk-based and frontline staff (per_employee desk_effect, per_site columns)
    "no_desk_effect": {"en": "no desk effect", "da": "ingen effekt på arbejdspladser"},
    "desk_based": {"en": "desk-based", "da": "med skrivebordsarbejde"},
    "frontline": {"en": "frontline", "da": "frontpersonale"},
    "no_desk_effect_col": {
        "en": "No desk effect (frontline) [persons]",
        "da": "Ingen effekt på arbejdspladser (frontpersonale) [personer]",
    },
    "desk_employees_col": {
        "en": "At a desk [persons]",
        "da": "Med skrivebordsarbejde [personer]",
    },
    "service_level_achieved_col": {
        "en": "Service level achieved [%]",
        "da": "Opnået serviceniveau [%]",
    },
    # scenario levers
    "lever_remote_days": {
        "en": "Remote days granted [days/week]",
        "da": "Tilladte hjemmedage [dage/uge]",
    },
    "lever_uptake": {"en": "Uptake [%]", "da": "Tilslutning [%]"},
    "lever_anchor": {"en": "Anchor days", "da": "Faste mødedage"},
    "lever_service": {"en": "Service level [%]", "da": "Serviceniveau [%]"},
    "lever_desk_ratio": {
        "en": "Desk ratio [desks/person]",
        "da": "Arbejdspladsfaktor [pladser/person]",
    },
    "lever_release": {"en": "Surplus space given up [%]", "da": "Overskydende areal afgivet [%]"},
    "lever_applies": {"en": "Applies to", "da": "Gælder for"},
    "lever_description": {"en": "Description", "da": "Beskrivelse"},
    "everyone": {"en": "everyone", "da": "alle"},
    # method, privacy
    "method": {
        "en": [
            "For every employee and year, working days are the working days of the parameter "
            "set times the employee's FTE; on-site days are the working days times the "
            "on-site days a week over five, and the rest are home days. A scenario grants "
            "remote days, capped per person at five times the job's teleworkability, and "
            "nobody comes in more than today. Baseline (today) and scenario run through the "
            "same functions; every change is scenario minus today.",
            "Commuting: the one-way distance given, or the great-circle distance times the "
            "circuity of the travel mode; annual distance = 2 × distance × on-site days; time "
            "from mode speeds; CO₂e from passenger-km with the parameter set's factors (a "
            "car's per vehicle-km factor divided by its occupancy).",
            "Rebound: extra home energy on each home day (electricity and, in the heating "
            "season, heat, times their CO₂e factors) and extra non-commute trips as a share "
            "of the commute km avoided.",
            "Offices, per site: desks needed are the service-level quantile of the attendance "
            "on the busiest weekday (a Poisson-binomial distribution over employees), never "
            "the mean. The seat-related part of office cost and CO₂e (rent, operating cost, "
            "most energy, embodied carbon per m²) falls only with space actually given up; "
            "the occupancy part follows attendee-days.",
            "Money: employees' running costs and fares, home energy and the tax value of the "
            "commuting deduction; the employer's office costs; present values over the "
            "horizon at the discount rate. Uncertainty: the parameters with a declared "
            "range are drawn at random (Monte Carlo) and varied one at a time (tornado).",
        ],
        "da": [
            "For hver medarbejder og hvert år er arbejdsdagene parametersættets arbejdsdage "
            "gange medarbejderens årsværk; fremmødedage er arbejdsdagene gange fremmødedage "
            "om ugen delt med fem, og resten er hjemmedage. Et scenarie giver "
            "hjemmearbejdsdage, for hver person højst fem gange jobbets egnethed til "
            "hjemmearbejde, og ingen møder mere end i dag. I dag og scenariet beregnes med "
            "de samme funktioner; enhver ændring er scenarie minus i dag.",
            "Pendling: den oplyste afstand, ellers luftlinjeafstanden gange "
            "transportmidlets omvejsfaktor; årlig afstand = 2 × afstand × fremmødedage; tid "
            "ud fra hastigheder; CO₂e ud fra personkilometer med parametersættets faktorer "
            "(en bils faktor pr. køretøjskilometer delt med antal personer i bilen).",
            "Rebound: ekstra energi i hjemmet på hver hjemmedag (el og i fyringssæsonen "
            "varme gange deres CO₂e-faktorer) og ekstra ture, der ikke er pendling, som en "
            "andel af de sparede pendlerkilometer.",
            "Kontorer, pr. lokalitet: antallet af arbejdspladser er serviceniveau-"
            "kvantilen af fremmødet på ugens travleste dag (en Poisson-binomial-fordeling "
            "over medarbejderne), aldrig gennemsnittet. Den pladsafhængige del af "
            "kontorudgift og CO₂e (husleje, drift, det meste energi, indlejret CO₂e pr. m²) "
            "falder kun, når areal faktisk afgives; den brugsafhængige del følger "
            "fremmødedagene.",
            "Penge: medarbejdernes kørselsudgifter og billetter, energi i hjemmet og "
            "skatteværdien af befordringsfradraget; arbejdsgiverens kontorudgifter; "
            "nutidsværdier over tidshorisonten med kalkulationsrenten. Usikkerhed: "
            "parametre med et oplyst interval trækkes tilfældigt (Monte Carlo) og varieres "
            "én ad gangen (tornado).",
        ],
    },
    "assumptions_intro": {
        "en": "Every number of parameter set {pset} ({desc}) with its unit, year, source and "
        "status. Status: R read in the primary source; R2 read on a secondary site "
        "quoting it; C computed from read values; M recalled or assumed (wide range); "
        "user: set by the user. Emission scope: {scope}.",
        "da": "Alle tal i parametersæt {pset} ({desc}) med enhed, år, kilde og status. "
        "Status: R læst i primærkilden; R2 læst i en sekundær kilde, der citerer den; "
        "C beregnet ud fra læste værdier; M husket eller antaget (bredt interval); "
        "user: sat af brugeren. Emissionsafgrænsning: {scope}.",
    },
    "privacy_text": {
        "en": "Staffing data are personal data. This report shows no group of fewer than "
        "{k} employees: smaller groups are pooled with the smallest other group(s) of "
        "the same parent until the pool holds at least {k}, so that no small group "
        "can be recovered by subtracting the groups shown from a total. {n} group(s) "
        "were pooled in this report. Per-employee values are not shown; distributions "
        "pool their tails. remotecalc ran on this computer and sent nothing anywhere.",
        "da": "Personaledata er personoplysninger. Rapporten viser ingen grupper med færre "
        "end {k} medarbejdere: mindre grupper er slået sammen med den eller de mindste "
        "andre grupper under samme overordnede enhed, indtil puljen har mindst {k}, så "
        "ingen lille gruppe kan findes ved at trække de viste grupper fra en total. "
        "{n} gruppe(r) er slået sammen i denne rapport. Værdier for den enkelte "
        "medarbejder vises ikke; fordelinger samler deres haler. remotecalc kørte på "
        "denne computer og sendte intet videre.",
    },
    "accounting_intro": {
        "en": "Rows read = rows used + rows excluded. Excluded rows and the reasons are "
        "listed by problem, without their contents.",
        "da": "Rækker indlæst = rækker brugt + rækker udeladt. Udeladte rækker er opgjort "
        "efter problem, uden deres indhold.",
    },
}

# -- climate account (remotecalc.outputs.climate): GHG Protocol Scope 3 Category 7 ----------------
TEXTS.update(
    {
        "ca_title": {
            "en": "Climate account: Scope 3 Category 7 (employee commuting)",
            "da": "Klimaregnskab: scope 3, kategori 7 (medarbejderpendling)",
        },
        "ca_sheet": {"en": "Climate account", "da": "Klimaregnskab"},
        "ca_sheet_tidy": {"en": "Account (tidy, t)", "da": "Regnskab (tidy, t)"},
        "ca_sheet_notes": {"en": "Notes", "da": "Noter"},
        "ca_intro": {
            "en": "Annual emissions of employee commuting and teleworking as a climate account "
            "reports them (GHG Protocol Scope 3 Category 7), today and under “{name}”. "
            "Teleworking is optional in Category 7 and is shown by two routes; each total "
            "adds one of them. Extra non-commute trips and ICT are not part of Category 7.",
            "da": "Årlige udledninger fra medarbejdernes pendling og hjemmearbejde, som et "
            "klimaregnskab opgør dem (GHG-protokollen, scope 3, kategori 7), i dag og i "
            "scenariet “{name}”. Hjemmearbejde er frivilligt i kategori 7 og vises efter to "
            "metoder; hver total lægger én af dem til. Ekstra ture uden for pendlingen og IT "
            "hører ikke til kategori 7.",
        },
        "ca_boundary": {
            "en": "Commute factors of the parameter set {pset}: {scope}. DESNZ 2025 "
            "homeworking factor: {factor} kg CO₂e per FTE working hour (UK homes, as "
            "published).",
            "da": "Pendlingsfaktorer fra parametersættet {pset}: {scope}. DESNZ 2025-faktor "
            "for hjemmearbejde: {factor} kg CO₂e pr. fuldtidsarbejdstime (britiske boliger, "
            "som offentliggjort).",
        },
        "ca_scope_well_to_wheel": {
            "en": "well-to-wheel (fuel and electricity supply included)",
            "da": "well-to-wheel (inkl. udledning fra produktion af brændstof og el)",
        },
        "ca_scope_tank_to_wheel": {
            "en": "tank-to-wheel (fuel supply not included)",
            "da": "tank-to-wheel (ekskl. udledning fra produktion af brændstof)",
        },
        "ca_item": {"en": "Item", "da": "Post"},
        "ca_method": {"en": "GHG Protocol method", "da": "Metode (GHG-protokollen)"},
        "ca_distance_based": {"en": "distance-based method", "da": "afstandsbaseret metode"},
        "ca_average_data": {"en": "average-data method", "da": "gennemsnitsdatametode"},
        "ca_paren_commuting": {"en": "(commuting)", "da": "(pendling)"},
        "ca_paren_teleworking": {"en": "(teleworking)", "da": "(hjemmearbejde)"},
        "ca_commuting_mode": {"en": "Commuting: {mode}", "da": "Pendling: {mode}"},
        "ca_commuting_all": {"en": "Commuting, all modes", "da": "Pendling, alle transportformer"},
        "ca_modes_pooled": {
            "en": "Other modes ({n} pooled)",
            "da": "Øvrige transportformer ({n} samlet)",
        },
        "ca_tele_desnz": {
            "en": "Teleworking (DESNZ homeworking factor)",
            "da": "Hjemmearbejde (DESNZ-faktor for hjemmearbejde)",
        },
        "ca_tele_home_energy": {
            "en": "Teleworking (remotecalc home energy)",
            "da": "Hjemmearbejde (remotecalcs energi i hjemmet)",
        },
        "ca_total_desnz": {
            "en": "Category 7 total, teleworking by DESNZ",
            "da": "Kategori 7 i alt, hjemmearbejde efter DESNZ",
        },
        "ca_business_travel": {
            "en": "Business travel (Scope 3 Category 6; not in the Category 7 totals)",
            "da": "Tjenesterejser (scope 3, kategori 6; ikke med i totalerne for kategori 7)",
        },
        # work travel by purpose (report figure and workbook sheet)
        "wt_fig": {"en": "Work travel by purpose", "da": "Tjenstlig kørsel efter formål"},
        "wt_sheet": {"en": "Work travel", "da": "Tjenstlig kørsel"},
        "wt_caption": {
            "en": "Work travel by purpose today and in the scenario. * Frontline trips (home "
            "visits, transport of goods) are never replaced by video calls.",
            "da": "Tjenstlig kørsel efter formål i dag og i scenariet. * Frontlinjeture "
            "(hjemmebesøg, varetransport) kan aldrig erstattes af videomøder.",
        },
        "wt_sheet_what": {
            "en": "Work travel by purpose: km and CO₂e today and in the scenario (purposes "
            "of few travellers pooled).",
            "da": "Tjenstlig kørsel efter formål: km og CO₂e i dag og i scenariet (formål med "
            "få rejsende samlet).",
        },
        "wt_purpose": {"en": "purpose", "da": "formål"},
        "wt_travellers": {"en": "travellers [persons]", "da": "rejsende [personer]"},
        "wt_trips_baseline": {"en": "trips today [trips/yr]", "da": "ture i dag [ture/år]"},
        "wt_km_baseline": {"en": "km today [km/yr]", "da": "km i dag [km/år]"},
        "wt_km_scenario": {"en": "km scenario [km/yr]", "da": "km i scenariet [km/år]"},
        "wt_co2e_kg_baseline": {
            "en": "CO₂e today [kg CO₂e/yr]",
            "da": "CO₂e i dag [kg CO₂e/år]",
        },
        "wt_co2e_kg_scenario": {
            "en": "CO₂e scenario [kg CO₂e/yr]",
            "da": "CO₂e i scenariet [kg CO₂e/år]",
        },
        "ca_total_home_energy": {
            "en": "Category 7 total, teleworking by home energy",
            "da": "Kategori 7 i alt, hjemmearbejde efter energi i hjemmet",
        },
        "ca_mode_car": {"en": "car (fuel not stated)", "da": "bil (brændstof ikke oplyst)"},
        "ca_mode_car_petrol": {"en": "petrol car", "da": "benzinbil"},
        "ca_mode_car_diesel": {"en": "diesel car", "da": "dieselbil"},
        "ca_mode_car_hybrid": {"en": "hybrid car", "da": "hybridbil"},
        "ca_mode_car_phev": {"en": "plug-in hybrid car", "da": "plugin-hybridbil"},
        "ca_mode_car_ev": {"en": "electric car", "da": "elbil"},
        "ca_mode_motorbike": {"en": "motorbike or moped", "da": "motorcykel eller knallert"},
        "ca_mode_bus": {"en": "bus", "da": "bus"},
        "ca_mode_train": {"en": "train", "da": "tog"},
        "ca_mode_metro": {"en": "metro", "da": "metro"},
        "ca_mode_tram": {"en": "tram or light rail", "da": "letbane"},
        "ca_mode_bicycle": {"en": "bicycle", "da": "cykel"},
        "ca_mode_ebike": {"en": "e-bike", "da": "elcykel"},
        "ca_mode_walk": {"en": "walking", "da": "gang"},
    }
)

#: Danish for the words of units, token by token (tokens are separated by "/" and " ").
_UNIT_WORDS_DA: dict[str, str] = {
    "yr": "år",
    "day": "dag",
    "days": "dage",
    "desk": "arbejdsplads",
    "desks": "arbejdspladser",
    "person": "person",
    "persons": "personer",
    "week": "uge",
    "share": "andel",
    "attendee-day": "fremmødedag",
    "employee": "medarbejder",
    "passenger-km": "personkm",
    "vehicle-km": "køretøjskm",
    "vehicle": "køretøj",
    "FTE-hour": "årsværkstime",
    "ratio": "forhold",
    "rows": "rækker",
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise a ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}; found {lang!r}")
    return lang


def t(key: str, lang: str = "en", **values) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    Examples
    --------
    >>> t("employees_n", "da", n="1.234")
    '1.234 medarbejdere'
    """
    check_lang(lang)
    text = cast(str, TEXTS[key][lang])  # the list entries are read from TEXTS directly
    return text.format(**values) if values else text


def metric_label(
    metric: str, lang: str = "en", english: str | None = None, short: bool = False
) -> str:
    """Label of a metric (``net_co2e_t``, ``commute_km``, ...) in ``lang``, from the registry.

    Parameters
    ----------
    metric : str
        Metric name as in ``Assessment.summary()["metric"]`` or ``per_employee``
        (:func:`remotecalc.model.metrics.get` finds either).
    lang : {"en", "da"}
    english : str, optional
        The English label to use (e.g. the ``label`` column of a summary, which names a
        present value's horizon); by default the registry's.
    short : bool, default False
        A short form for axis labels where one exists.

    Examples
    --------
    >>> metric_label("net_co2e_t", "da", short=True)
    'Netto-CO₂e'
    >>> metric_label("commute_co2e_t")
    'Commute CO₂e'
    """
    check_lang(lang)
    from remotecalc.model import metrics

    try:
        m = metrics.get(metric)
    except KeyError:
        return (english or metric).replace("CO2e", "CO₂e")
    if lang == "en" and english is not None and not short:
        text = english
    else:
        text = m.label(lang, short=short)
    return text.replace("CO2e", "CO₂e")


def unit_label(unit: str, lang: str = "en") -> str:
    """A unit written for the reader: ``CO2e`` with a subscript, ``m2`` as m², Danish words.

    Examples
    --------
    >>> unit_label("m2", "en"), unit_label("DKK/yr", "da"), unit_label("desks", "da")
    ('m²', 'DKK/år', 'arbejdspladser')
    >>> unit_label("kWh/day", "da"), unit_label("km/h", "da"), unit_label("h/yr", "da")
    ('kWh/dag', 'km/t', 'timer/år')
    """
    check_lang(lang)
    u = unit.replace("CO2e", "CO₂e")
    u = re.sub(r"m2\b", "m²", u)
    if lang == "da":
        if u.startswith("1,000 "):
            u = "1.000 " + u[len("1,000 ") :]
        parts = re.split(r"([/ ])", u)
        words = [p for p in parts if p not in ("/", " ", "")]
        first = words[0] if words else ""
        for i, p in enumerate(parts):
            if p == "h":  # hours: "timer/år" first, "km/t", "DKK/time" after a slash
                parts[i] = "timer" if p is first else ("t" if parts[:i] == ["km", "/"] else "time")
            else:
                parts[i] = _UNIT_WORDS_DA.get(p, p)
        u = "".join(parts)
    return u


def fmt_number(x: float, lang: str = "en", decimals: int = 0, sign: bool = False) -> str:
    """A number with thousands separators and a true minus sign, as ``lang`` writes it.

    Parameters
    ----------
    x : float
    lang : {"en", "da"}
    decimals : int, default 0
    sign : bool, default False
        Write ``+`` before positive numbers (for changes).

    Examples
    --------
    >>> fmt_number(1234567.891, "en", 1), fmt_number(0.5, "da", 2, sign=True)
    ('1,234,567.9', '+0,50')
    >>> fmt_number(float("nan"))
    '–'
    """
    check_lang(lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    x = float(x)
    if abs(x) < 0.5 * 10**-decimals:
        x = 0.0  # no "-0"
    s = f"{abs(x):,.{decimals}f}"
    if lang == "da":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if x < 0:
        return "−" + s
    return ("+" + s) if sign and x > 0 else s


def fmt_big(x: float, lang: str = "en", sign: bool = False) -> str:
    """A large number for running text: millions as "2.7 million" ("2,7 mio.").

    Examples
    --------
    >>> fmt_big(-2723467, "en"), fmt_big(2978075, "da"), fmt_big(70998.4, "en")
    ('−2.7 million', '3,0 mio.', '70,998')
    """
    if x is not None and not (isinstance(x, float) and math.isnan(x)) and abs(x) >= 1e6:
        return fmt_number(x / 1e6, lang, 1, sign) + (" mio." if lang == "da" else " million")
    return fmt_number(x, lang, 0, sign)


def fmt_percent(share: float, lang: str = "en", decimals: int = 0) -> str:
    """A share (0–1) as a percentage: ``'42 %'`` (both languages keep the space).

    Examples
    --------
    >>> fmt_percent(0.4213, "da", 1)
    '42,1 %'
    """
    return f"{fmt_number(100 * share, lang, decimals)} %"


# -- more report, workbook and caveat texts (issue 16) ---------------------------------------
TEXTS.update(
    {
        "page": {"en": "page", "da": "side"},
        "cover_org": {"en": "Organisation", "da": "Organisation"},
        "cover_date": {"en": "Date", "da": "Dato"},
        "cover_scenarios": {"en": "Scenarios assessed", "da": "Vurderede scenarier"},
        "cover_pset": {"en": "Parameter set", "da": "Parametersæt"},
        "cover_staff": {
            "en": "{n} employees at {sites} sites",
            "da": "{n} medarbejdere på {sites} lokaliteter",
        },
        "sec_caveats": {"en": "Read this first", "da": "Læs dette først"},
        "caveats_intro": {
            "en": "Defaults and assumptions that apply to more than {p} of staff or drive "
            "the result:",
            "da": "Standardværdier og antagelser, der gælder for mere end {p} af "
            "medarbejderne eller driver resultatet:",
        },
        "caveat_default_col": {
            "en": "The staff data have no “{col}” column: every employee is taken as {value}.",
            "da": "Personaledata har ingen kolonne “{col}”: alle medarbejdere regnes med {value}.",
        },
        "caveat_onsite_default": {
            "en": "The staff data say nothing about on-site days today: every employee is "
            "taken to come in 5 days a week, so the commuting saved is an upper estimate.",
            "da": "Personaledata siger intet om fremmødedage i dag: alle medarbejdere regnes "
            "med 5 fremmødedage om ugen, så den sparede pendling er et overkantsskøn.",
        },
        "caveat_fte_default": {
            "en": "The staff data have no FTE column: every employee is taken as full time "
            "(FTE 1).",
            "da": "Personaledata har ingen kolonne med årsværk: alle medarbejdere regnes som "
            "fuldtid (årsværk 1).",
        },
        "caveat_teleworkable": {
            "en": "{n} employees ({share}) have no teleworkable value and are taken as fully "
            "teleworkable, so the policy's remote days are not capped for them.",
            "da": "{n} medarbejdere ({share}) har ingen værdi for egnethed til hjemmearbejde "
            "og regnes som fuldt egnede, så ordningens hjemmedage ikke begrænses for dem.",
        },
        "caveat_no_gain_zero": {
            "en": "Nobody is shown without a home day only because of these defaults.",
            "da": "At ingen står uden hjemmedag, skyldes alene disse standardværdier.",
        },
        "caveat_distance_source": {
            "en": "{share} of commute distances are great-circle distances times a circuity "
            "factor (not routed).",
            "da": "{share} af pendlingsafstandene er luftlinjeafstande gange en omvejsfaktor "
            "(ikke ruteberegnet).",
        },
        "caveat_driver": {
            "en": "“{label}” ({value}, status {status}) moves net CO₂e between {lo} and {hi} "
            "t a year when set to the ends of its range.",
            "da": "“{label}” ({value}, status {status}) flytter netto-CO₂e mellem {lo} og "
            "{hi} t om året, når den sættes til yderpunkterne af sit interval.",
        },
        "caveat_driver_assumed": {
            "en": "It is an assumption (status M), not a value read in a source.",
            "da": "Den er en antagelse (status M), ikke en værdi læst i en kilde.",
        },
        "caveat_scope": {
            "en": "Emission scope: {scope}.",
            "da": "Emissionsafgrænsning: {scope}.",
        },
        "caveat_rows_excluded": {
            "en": "{n} rows ({share}) of the staff file were excluded (see the data accounting).",
            "da": "{n} rækker ({share}) i personalefilen er udeladt (se dataregnskabet).",
        },
        "caveat_none": {
            "en": "No default applies to more than {p} of staff.",
            "da": "Ingen standardværdi gælder for mere end {p} af medarbejderne.",
        },
        "scope_tank_to_wheel": {
            "en": "tank-to-wheel, fuel supply not included",
            "da": "tank-til-hjul, uden brændstofforsyning",
        },
        "scope_well_to_wheel": {
            "en": "well-to-wheel, fuel supply included",
            "da": "kilde-til-hjul, med brændstofforsyning",
        },
        "fig_note_pset": {"en": "Parameter set {pset}", "da": "Parametersæt {pset}"},
        "fig_note_scenario": {"en": "scenario “{name}”", "da": "scenarie “{name}”"},
        "es_no_gain_defaults": {
            "en": "This share rests on the defaults listed under “Read this first”.",
            "da": "Andelen bygger på standardværdierne under “Læs dette først”.",
        },
        "demo_1": {"en": "1 day home", "da": "1 dag hjemme"},
        "demo_2": {"en": "2 days home", "da": "2 dage hjemme"},
        "demo_2_anchor": {
            "en": "2 days, anchor Tue+Thu, space given up",
            "da": "2 dage, faste tirs+tors, areal afgives",
        },
        "demo_3": {"en": "3 days home, space given up", "da": "3 dage hjemme, areal afgives"},
        "demo_org": {
            "en": "Roskilde Kommune (synthetic demo organisation)",
            "da": "Roskilde Kommune (syntetisk demo-organisation)",
        },
        "default_scenario_name": {"en": "{d} remote days", "da": "{d} hjemmedage"},
        # assumptions appendix
        "assumptions_intro_short": {
            "en": "The values of parameter set {pset}, grouped by topic, with unit, year, "
            "source and status. Status: R read in the primary source; R2 read in a secondary "
            "source quoting it; C computed from read values; M assumed (wide range); user: "
            "set by the user. The notes on each value are in the parameter set's language.",
            "da": "Værdierne i parametersæt {pset}, grupperet efter emne, med enhed, år, "
            "kilde og status. Status: R læst i primærkilden; R2 læst i en sekundær kilde, der "
            "citerer den; C beregnet ud fra læste værdier; M antaget (bredt interval); user: "
            "sat af brugeren. Noterne til hver værdi er på parametersættets sprog.",
        },
        "topic_drivers": {
            "en": "What drives the result (widest swing in the tornado)",
            "da": "Hvad driver resultatet (største udsving i tornadoen)",
        },
        "topic_time": {"en": "Working time", "da": "Arbejdstid"},
        "topic_mode": {"en": "Commuting by mode", "da": "Pendling efter transportmiddel"},
        "topic_home": {"en": "Home energy and ICT", "da": "Energi i hjemmet og IT"},
        "topic_rebound": {"en": "Rebound trips", "da": "Rebound-ture"},
        "topic_office": {"en": "Offices", "da": "Kontorer"},
        "topic_money": {"en": "Money and time", "da": "Penge og tid"},
        "topic_deduction": {"en": "Commuting deduction", "da": "Befordringsfradrag"},
        "topic_longrun": {
            "en": "Long run (off by default)",
            "da": "Lang sigt (slået fra som standard)",
        },
        "topic_work_travel": {
            "en": "Work travel and virtual meetings",
            "da": "Tjenesterejser og videomøder",
        },
        "topic_account": {"en": "Climate account", "da": "Klimaregnskab"},
        "topic_other": {"en": "Other", "da": "Øvrige"},
        "mode_col": {"en": "Mode", "da": "Transportmiddel"},
        "mode_matrix_note": {
            "en": "Each value with its status. The sources of these values are listed below; "
            "the note and range of each value are in the workbook (sheet “{sheet}”).",
            "da": "Hver værdi med sin status. Kilderne til værdierne står nedenfor; noten og "
            "intervallet for hver værdi står i regnearket (arket “{sheet}”).",
        },
        "sources_col": {"en": "Sources", "da": "Kilder"},
        "param_label_col": {"en": "Parameter", "da": "Parameter"},
        "param_key_col": {"en": "Key", "da": "Nøgle"},
        "topic_col": {"en": "Topic", "da": "Emne"},
        "note_col": {"en": "Note", "da": "Note"},
        # data accounting
        "accounting_file_frame": {"en": "(a table in memory)", "da": "(en tabel i hukommelsen)"},
        "notes_in_english": {
            "en": "",
            "da": "Noter, som remotecalc ikke har en dansk tekst til, står på engelsk.",
        },
        # workbook
        "sheet_readme": {"en": "Read me", "da": "Læs mig"},
        "sheet_headline": {"en": "Headline", "da": "Hovedtal"},
        "sheet_headline_long": {"en": "Headline (long)", "da": "Hovedtal (lang)"},
        "sheet_summary": {"en": "Summary", "da": "Oversigt"},
        "sheet_scenarios": {"en": "Scenarios", "da": "Scenarier"},
        "sheet_by": {"en": "By {by}", "da": "Efter {by}"},
        "sheet_sites": {"en": "Sites", "da": "Lokaliteter"},
        "sheet_desks": {"en": "Desks vs service level", "da": "Pladser og serviceniveau"},
        "sheet_mc": {"en": "Monte Carlo", "da": "Monte Carlo"},
        "sheet_sweep": {"en": "Remote days sweep", "da": "Hjemmedage, variation"},
        "sheet_tornado": {"en": "Tornado", "da": "Tornado"},
        "sheet_sobol": {"en": "Sobol indices", "da": "Sobol-indeks"},
        "sheet_muni": {"en": "Municipalities", "da": "Kommuner"},
        "sheet_assumptions": {"en": "Assumptions", "da": "Forudsætninger"},
        "withheld_mark_sheet": {"en": "Empty cells", "da": "Tomme celler"},
        "note_in_workbook": {
            "en": "(The whole note: workbook sheet '{sheet}'.)",
            "da": "(Hele noten: regnearkets ark '{sheet}'.)",
        },
        "sheet_accounting": {"en": "Data accounting", "da": "Dataregnskab"},
        "sheet_excluded": {"en": "Excluded rows by reason", "da": "Udeladte rækker"},
        "sheet_notes": {"en": "Notes", "da": "Noter"},
        "sheet_caveats": {"en": "Read this first", "da": "Læs dette først"},
        "readme_sheet_col": {"en": "Sheet", "da": "Ark"},
        "readme_what_col": {"en": "What it holds", "da": "Indhold"},
        "readme_units": {
            "en": "Units are in the column headers in square brackets. Numbers are stored as "
            "numbers; shares are stored as 0–1 and shown as percentages. CO₂e is carbon "
            "dioxide equivalent.",
            "da": "Enhederne står i kolonneoverskrifterne i skarpe parenteser. Tal er gemt "
            "som tal; andele er gemt som 0–1 og vist som procent. CO₂e er "
            "CO₂-ækvivalenter.",
        },
        "readme_made": {
            "en": "Made {date} with remotecalc {version}; parameter set {pset}.",
            "da": "Lavet {date} med remotecalc {version}; parametersæt {pset}.",
        },
        "readme_what_readme": {"en": "This sheet.", "da": "Dette ark."},
        "readme_what_caveats": {
            "en": "Defaults and assumptions that matter for the result (as in the executive "
            "summary).",
            "da": "Standardværdier og antagelser, der har betydning for resultatet (som i "
            "sammenfatningen).",
        },
        "readme_what_headline": {
            "en": "One row per scenario: the headline changes against today with 5–95 % ranges.",
            "da": "Én række pr. scenarie: hovedtallenes ændring i forhold til i dag med "
            "5–95 %-intervaller.",
        },
        "readme_what_headline_long": {
            "en": "The headline numbers, one row per scenario and metric, today and under "
            "the scenario.",
            "da": "Hovedtallene, én række pr. scenarie og størrelse, i dag og i scenariet.",
        },
        "readme_what_summary": {
            "en": "Every metric of every scenario: today, scenario and change.",
            "da": "Alle størrelser for alle scenarier: i dag, scenarie og ændring.",
        },
        "readme_what_scenarios": {
            "en": "The scenarios' levers, and each scenario in words.",
            "da": "Scenariernes virkemidler og hvert scenarie beskrevet i ord.",
        },
        "readme_what_by": {
            "en": "Who gains, by group (groups under {k} employees pooled).",
            "da": "Hvem vinder, efter gruppe (grupper under {k} medarbejdere slået sammen).",
        },
        "readme_what_sites": {
            "en": "Desks, area and office cost per site (sites under {k} employees pooled).",
            "da": "Arbejdspladser, areal og kontorudgift pr. lokalitet (lokaliteter under {k} "
            "medarbejdere slået sammen).",
        },
        "sites_desk_withheld": {
            "en": "{mark}: withheld at {n} site(s): where fewer than {k} staff work at desks, or "
            "fewer than {k} do not, and at as many other sites as it takes for the totals not "
            "to give them back (desk results of fewer than {k} people are not shown).",
            "da": "{mark}: tilbageholdt for {n} lokalitet(er): hvor færre end {k} medarbejdere har "
            "skrivebordsarbejde, eller færre end {k} ikke har, og for så mange andre "
            "lokaliteter, at totalerne ikke afslører dem (resultater for arbejdspladser vises "
            "ikke for færre end {k} personer).",
        },
        "readme_what_desks": {
            "en": "Desks needed at a range of service levels, today and per scenario.",
            "da": "Arbejdspladser ved en række serviceniveauer, i dag og pr. scenarie.",
        },
        "readme_what_mc": {
            "en": "Monte Carlo summary per scenario and metric (change against today).",
            "da": "Monte Carlo-resultater pr. scenarie og størrelse (ændring i forhold til i dag).",
        },
        "readme_what_sweep": {
            "en": "Net CO₂e and cost against remote days granted, with 5–95 % ranges.",
            "da": "Netto-CO₂e og udgift i forhold til tilladte hjemmedage, med 5–95 %-intervaller.",
        },
        "readme_what_tornado": {
            "en": "One-at-a-time sensitivity of the main scenario.",
            "da": "Følsomhed for hovedscenariet, én parameter ad gangen.",
        },
        "readme_what_sobol": {
            "en": "Sobol sensitivity indices (first order S1 and total ST).",
            "da": "Sobol-følsomhedsindeks (første orden S1 og total ST).",
        },
        "readme_what_climate": {
            "en": "Climate account: GHG Protocol Scope 3 Category 7 (employee commuting by mode, "
            "teleworking by two methods), today and under each scenario [t CO₂e/yr].",
            "da": "Klimaregnskab: GHG-protokollen scope 3, kategori 7 (pendling efter "
            "transportform, hjemmearbejde efter to metoder), i dag og i hvert scenarie "
            "[t CO₂e/år].",
        },
        "readme_what_muni": {
            "en": "Commute CO₂e saved by home municipality (small areas withheld).",
            "da": "Sparet CO₂e fra pendling efter bopælskommune (små områder tilbageholdt).",
        },
        "readme_what_assumptions": {
            "en": "Every parameter used, with label, unit, year, source and status.",
            "da": "Alle anvendte parametre med betegnelse, enhed, år, kilde og status.",
        },
        "readme_what_accounting": {
            "en": "Files read, rows read, used and excluded.",
            "da": "Indlæste filer og rækker: indlæst, brugt og udeladt.",
        },
        "readme_what_excluded": {
            "en": "Excluded rows counted by column and problem (no row contents).",
            "da": "Udeladte rækker talt efter kolonne og problem (uden indhold).",
        },
        "readme_what_notes": {
            "en": "Every note on defaults applied and data checks.",
            "da": "Alle noter om anvendte standardværdier og datakontrol.",
        },
        "readme_what_extra": {"en": "{title}", "da": "{title}"},
        "wb_scenario_levers": {"en": "In words", "da": "I ord"},
        "wb_metric": {"en": "Metric", "da": "Størrelse"},
        "wb_metric_key": {"en": "Metric key", "da": "Nøgle"},
        "wb_perspective": {"en": "Perspective", "da": "Perspektiv"},
        "wb_today": {"en": "Today", "da": "I dag"},
        "wb_scenario": {"en": "Under the scenario", "da": "I scenariet"},
        "wb_change": {"en": "Change", "da": "Ændring"},
        "wb_change_p05": {"en": "Change, 5 %", "da": "Ændring, 5 %"},
        "wb_change_p50": {"en": "Change, 50 %", "da": "Ændring, 50 %"},
        "wb_change_p95": {"en": "Change, 95 %", "da": "Ændring, 95 %"},
        "wb_mean": {"en": "Change, mean", "da": "Ændring, gennemsnit"},
        "wb_central": {"en": "Change, central", "da": "Ændring, centralt skøn"},
        "wb_service_level": {"en": "Service level [%]", "da": "Serviceniveau [%]"},
        "wb_desks_needed": {"en": "Desks needed [desks]", "da": "Arbejdspladser [antal]"},
        "wb_remote_days": {
            "en": "Remote days granted [days/week]",
            "da": "Tilladte hjemmedage [dage/uge]",
        },
        "wb_release": {"en": "Surplus space given up [%]", "da": "Overskydende areal afgivet [%]"},
        "wb_uptake": {"en": "Uptake [%]", "da": "Tilslutning [%]"},
        "wb_desk_ratio": {
            "en": "Desk ratio [desks/person]",
            "da": "Arbejdspladsfaktor [pladser/person]",
        },
        "wb_low": {"en": "Low value [parameter's unit]", "da": "Lav værdi [parameterens enhed]"},
        "wb_high": {"en": "High value [parameter's unit]", "da": "Høj værdi [parameterens enhed]"},
        "wb_change_low": {"en": "Change at low value", "da": "Ændring ved lav værdi"},
        "wb_change_high": {"en": "Change at high value", "da": "Ændring ved høj værdi"},
        "wb_central_value": {"en": "Central estimate", "da": "Centralt skøn"},
        "wb_code": {"en": "Municipality code", "da": "Kommunekode"},
        "wb_name": {"en": "Municipality", "da": "Kommune"},
        "wb_withheld": {"en": "Withheld", "da": "Tilbageholdt"},
        "wb_commute_co2e_saved": {
            "en": "Commute CO₂e saved [t CO₂e/yr]",
            "da": "Sparet CO₂e fra pendling [t CO₂e/år]",
        },
        "wb_rows": {"en": "Rows [rows]", "da": "Rækker [rækker]"},
        "wb_value_unit": {"en": "Value [see unit]", "da": "Værdi [se enhed]"},
        "wb_none": {"en": "(none)", "da": "(ingen)"},
        "perspective_employee": {"en": "employee", "da": "medarbejder"},
        "perspective_employer": {"en": "employer", "da": "arbejdsgiver"},
        "perspective_society": {"en": "society", "da": "samfund"},
        "perspective_climate": {"en": "climate", "da": "klima"},
        "sobol_s1": {"en": "S1 (first order)", "da": "S1 (første orden)"},
        "sobol_st": {"en": "ST (total)", "da": "ST (total)"},
        "sobol_conf": {"en": "{col}, 95 % confidence ±", "da": "{col}, 95 %-konfidens ±"},
    }
)

# -- scenarios in words -----------------------------------------------------------------------
#: Weekday names by key (``vocab.WEEKDAYS``).
WEEKDAY_NAMES: dict[str, dict[str, str]] = {
    "mon": {"en": "Monday", "da": "mandag"},
    "tue": {"en": "Tuesday", "da": "tirsdag"},
    "wed": {"en": "Wednesday", "da": "onsdag"},
    "thu": {"en": "Thursday", "da": "torsdag"},
    "fri": {"en": "Friday", "da": "fredag"},
}

#: Labels of the staff table's columns (for "by department / unit" and ``applies_to``).
COLUMN_LABELS: dict[str, dict[str, str]] = {
    "department": {"en": "department", "da": "afdeling"},
    "unit": {"en": "unit", "da": "enhed"},
    "team": {"en": "team", "da": "team"},
    "site_id": {"en": "site", "da": "lokalitet"},
    "site_type": {"en": "site type", "da": "lokalitetstype"},
    "mode": {"en": "travel mode", "da": "transportmiddel"},
    "occupation_isco08": {"en": "occupation (ISCO-08)", "da": "stilling (ISCO-08)"},
    "occupation_title": {"en": "job title", "da": "stillingsbetegnelse"},
    "job_family": {"en": "job family", "da": "jobfamilie"},
    "fte": {"en": "FTE", "da": "årsværk"},
    "onsite_days_per_week": {"en": "on-site days a week", "da": "fremmødedage om ugen"},
    "teleworkable": {"en": "teleworkable share", "da": "egnethed til hjemmearbejde"},
    "home_municipality_code": {"en": "home municipality", "da": "bopælskommune"},
    "age_band": {"en": "age band", "da": "aldersgruppe"},
    "gender": {"en": "gender", "da": "køn"},
    "desk_based": {"en": "desk-based", "da": "skrivebordsarbejde"},
    # per_site columns named in notes and tables
    "desk_employees": {"en": "staff at desks", "da": "med skrivebordsarbejde"},
    "no_desk_effect_employees": {"en": "no desk effect", "da": "uden effekt på pladser"},
    "service_level_achieved": {"en": "service level achieved", "da": "opnået serviceniveau"},
}

_SCENARIO_WORDS: dict[str, dict[str, str]] = {
    "days": {
        "en": "{d} remote day(s) a week granted {who}",
        "da": "{d} hjemmearbejdsdag(e) om ugen {who}",
    },
    "no_days": {"en": "no extra remote days {who}", "da": "ingen ekstra hjemmearbejdsdage {who}"},
    "everyone": {"en": "to everyone", "da": "for alle"},
    "who": {"en": "to staff with {what}", "da": "for medarbejdere med {what}"},
    "who_part": {"en": "{col} {values}", "da": "{col} {values}"},
    "and": {"en": "and", "da": "og"},
    "or": {"en": "or", "da": "eller"},
    "uptake": {"en": "taken up by {p} of them", "da": "med en tilslutning på {p}"},
    "wanted": {
        "en": "at most the days each employee wants (column “{col}”)",
        "da": "højst de dage, den enkelte ønsker (kolonne “{col}”)",
    },
    "anchor": {
        "en": "anchor days {days} (weighted {w}× in attendance)",
        "da": "faste mødedage {days} (vægtet {w}× i fremmødet)",
    },
    "profile": {
        "en": "attendance by weekday as given ({v})",
        "da": "fremmøde pr. ugedag som angivet ({v})",
    },
    "service": {
        "en": "desks for a {p} service level",
        "da": "arbejdspladser til et serviceniveau på {p}",
    },
    "ratio": {
        "en": "{r} desks per person",
        "da": "{r} arbejdspladser pr. person",
    },
    "release_none": {"en": "no office space given up", "da": "intet kontorareal afgives"},
    "release_all": {
        "en": "all surplus office space given up",
        "da": "alt overskydende kontorareal afgives",
    },
    "release_part": {
        "en": "{p} of surplus office space given up",
        "da": "{p} af det overskydende kontorareal afgives",
    },
    "horizon": {"en": "a horizon of {h} years", "da": "en tidshorisont på {h} år"},
    "discount": {"en": "a discount rate of {p}", "da": "en kalkulationsrente på {p}"},
}


def _short_number(x: float, lang: str) -> str:
    """A number as short as it can be written: 2, 2.5 (2,5), 0.25."""
    x = float(x)
    for d in range(4):
        if abs(x - round(x, d)) < 1e-9:
            return fmt_number(x, lang, d)
    return fmt_number(x, lang, 3)


def _short_percent(share: float, lang: str) -> str:
    """A share as a percentage with no needless decimals: 0.95 -> "95 %", 0.975 -> "97.5 %"."""
    return f"{_short_number(round(100 * float(share), 6), lang)} %"


def join_words(items: list[str], lang: str, word: str = "and") -> str:
    """``a, b and c`` (Danish ``a, b og c``).

    Examples
    --------
    >>> join_words(["tirsdag", "torsdag"], "da")
    'tirsdag og torsdag'
    """
    check_lang(lang)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {_SCENARIO_WORDS[word][lang]} " + items[-1]


def weekday_names(days: tuple[str, ...] | list[str], lang: str = "en") -> str:
    """Weekday keys as words: ``("tue", "thu")`` -> "Tuesday and Thursday".

    Examples
    --------
    >>> weekday_names(("tue", "thu"), "da")
    'tirsdag og torsdag'
    """
    return join_words([WEEKDAY_NAMES.get(d, {}).get(lang, d) for d in days], lang)


def column_label(column: str, lang: str = "en") -> str:
    """A staff column's name for the reader (``department`` -> "afdeling"); other names as
    they are (they are the user's own)."""
    check_lang(lang)
    return COLUMN_LABELS.get(column, {}).get(lang, column)


def describe_scenario(scenario, lang: str = "en") -> str:
    """A scenario's levers as one sentence in ``lang``.

    Parameters
    ----------
    scenario : remotecalc.Scenario
    lang : {"en", "da"}

    Examples
    --------
    >>> from remotecalc import Scenario
    >>> sc = Scenario(name="x", remote_days_per_week=2, anchor_days=("tue", "thu"),
    ...               release_space=1.0)
    >>> describe_scenario(sc, "en")
    '2 remote day(s) a week granted to everyone; anchor days Tuesday and Thursday (weighted 3× in attendance); desks for a 95 % service level; all surplus office space given up.'
    >>> describe_scenario(sc, "da")
    '2 hjemmearbejdsdag(e) om ugen for alle; faste mødedage tirsdag og torsdag (vægtet 3× i fremmødet); arbejdspladser til et serviceniveau på 95 %; alt overskydende kontorareal afgives.'
    """  # noqa: E501
    check_lang(lang)
    w = {k: v[lang] for k, v in _SCENARIO_WORDS.items()}
    sc = scenario
    if sc.applies_to:
        parts = [
            w["who_part"].format(
                col=column_label(k, lang), values=join_words([str(x) for x in v], lang, "or")
            )
            for k, v in sc.applies_to.items()
        ]
        who = w["who"].format(what=join_words(parts, lang))
    else:
        who = w["everyone"]
    d = float(sc.remote_days_per_week)
    first = (
        w["days"].format(d=_short_number(d, lang), who=who) if d else w["no_days"].format(who=who)
    )
    extra = []
    if d and sc.uptake < 1:
        extra.append(w["uptake"].format(p=_short_percent(sc.uptake, lang)))
    if sc.wanted_days_column:
        extra.append(w["wanted"].format(col=sc.wanted_days_column))
    clauses = [", ".join([first, *extra])]
    if sc.anchor_days:
        clauses.append(
            w["anchor"].format(
                days=weekday_names(sc.anchor_days, lang), w=_short_number(sc.anchor_weight, lang)
            )
        )
    elif sc.weekday_profile is not None:
        clauses.append(
            w["profile"].format(v=" : ".join(_short_number(x, lang) for x in sc.weekday_profile))
        )
    clauses.append(w["service"].format(p=_short_percent(sc.service_level, lang)))
    if sc.desk_ratio is not None:
        clauses.append(w["ratio"].format(r=_short_number(sc.desk_ratio, lang)))
    r = float(sc.release_space)
    clauses.append(
        w["release_none"]
        if r == 0
        else w["release_all"]
        if r == 1
        else w["release_part"].format(p=_short_percent(r, lang))
    )
    if sc.horizon_years is not None:
        clauses.append(w["horizon"].format(h=_short_number(sc.horizon_years, lang)))
    if sc.discount_rate is not None:
        clauses.append(w["discount"].format(p=_short_percent(sc.discount_rate, lang)))
    text = "; ".join(clauses) + "."
    return text[:1].upper() + text[1:]


# -- parameter labels ---------------------------------------------------------------------------
MODE_NAMES: dict[str, dict[str, str]] = {
    "car": {"en": "Car (fuel not given)", "da": "Bil (drivmiddel ikke oplyst)"},
    "car_petrol": {"en": "Petrol car", "da": "Benzinbil"},
    "car_diesel": {"en": "Diesel car", "da": "Dieselbil"},
    "car_hybrid": {"en": "Hybrid car", "da": "Hybridbil"},
    "car_phev": {"en": "Plug-in hybrid", "da": "Plugin-hybridbil"},
    "car_ev": {"en": "Electric car", "da": "Elbil"},
    "motorbike": {"en": "Motorbike", "da": "Motorcykel"},
    "bus": {"en": "Bus", "da": "Bus"},
    "train": {"en": "Train", "da": "Tog"},
    "metro": {"en": "Metro", "da": "Metro"},
    "tram": {"en": "Tram", "da": "Letbane"},
    "bicycle": {"en": "Bicycle", "da": "Cykel"},
    "ebike": {"en": "E-bike", "da": "Elcykel"},
    "walk": {"en": "Walking", "da": "Gang"},
}
_MODE_FIELD_LABELS: dict[str, dict[str, str]] = {
    "co2e_ttw_kg_per_km": {"en": "CO₂e factor (direct)", "da": "CO₂e-faktor (direkte)"},
    "co2e_wtt_kg_per_km": {"en": "CO₂e factor (upstream)", "da": "CO₂e-faktor (opstrøms)"},
    "occupancy": {"en": "occupancy", "da": "personer pr. køretøj"},
    "circuity": {"en": "circuity", "da": "omvejsfaktor"},
    "speed_km_per_h": {"en": "speed", "da": "hastighed"},
    "cost_per_km": {"en": "running cost or fare", "da": "kørselsudgift eller billetpris"},
    "external_cost_per_vkm": {"en": "external cost", "da": "eksterne omkostninger"},
}
#: Labels of the parameters (other than ``mode.*``), English and Danish.
PARAMETER_LABELS: dict[str, dict[str, str]] = {
    "uptake": {"en": "Uptake of the remote days", "da": "Tilslutning til hjemmedagene"},
    "workdays_per_year": {"en": "Working days a year", "da": "Arbejdsdage om året"},
    "hours_per_workday": {"en": "Hours in a working day", "da": "Timer pr. arbejdsdag"},
    "home.extra_electricity_kwh_per_day": {
        "en": "Extra home electricity per home day",
        "da": "Ekstra elforbrug i hjemmet pr. hjemmedag",
    },
    "home.extra_heat_kwh_per_day": {
        "en": "Extra home heat per home day",
        "da": "Ekstra varmeforbrug i hjemmet pr. hjemmedag",
    },
    "home.heating_season_share": {
        "en": "Home days in the heating season",
        "da": "Hjemmedage i fyringssæsonen",
    },
    "home.co2e_kg_per_fte_hour": {
        "en": "Homeworking CO₂e per hour",
        "da": "CO₂e ved hjemmearbejde pr. time",
    },
    "energy.electricity_co2e_kg_per_kwh": {
        "en": "Grid electricity CO₂e",
        "da": "CO₂e for el fra nettet",
    },
    "energy.heat_co2e_kg_per_kwh": {"en": "Heat CO₂e", "da": "CO₂e for varme"},
    "energy.electricity_price_per_kwh": {"en": "Electricity price", "da": "Elpris"},
    "energy.heat_price_per_kwh": {"en": "Heat price", "da": "Varmepris"},
    "ict.co2e_kg_per_workday": {
        "en": "Extra ICT CO₂e per home day",
        "da": "Ekstra CO₂e fra IT pr. hjemmedag",
    },
    "rebound.noncommute_share_of_avoided_km": {
        "en": "Rebound trips, share of avoided km",
        "da": "Rebound-ture, andel af sparede km",
    },
    "rebound.noncommute_km_per_home_day": {
        "en": "Rebound trips, km per home day",
        "da": "Rebound-ture, km pr. hjemmedag",
    },
    "office.area_per_desk_m2": {"en": "Office area per desk", "da": "Kontorareal pr. arbejdsplads"},
    "office.support_space_share": {"en": "Support space share", "da": "Andel støttearealer"},
    "office.rent_per_m2_per_year": {"en": "Office rent", "da": "Husleje for kontor"},
    "office.operating_cost_per_m2_per_year": {
        "en": "Office operating cost",
        "da": "Driftsudgift for kontor",
    },
    "office.electricity_kwh_per_m2_per_year": {
        "en": "Office electricity (area-bound)",
        "da": "Elforbrug i kontor (arealbundet)",
    },
    "office.heat_kwh_per_m2_per_year": {
        "en": "Office heat (area-bound)",
        "da": "Varmeforbrug i kontor (arealbundet)",
    },
    "office.embodied_co2e_kg_per_m2_per_year": {
        "en": "Embodied CO₂e of office space",
        "da": "Indlejret CO₂e i kontorareal",
    },
    "office.occupancy_electricity_kwh_per_attendee_day": {
        "en": "Office electricity per attendee-day",
        "da": "Elforbrug i kontor pr. fremmødedag",
    },
    "office.occupancy_cost_per_attendee_day": {
        "en": "Office cost per attendee-day",
        "da": "Kontorudgift pr. fremmødedag",
    },
    "cost.value_of_time_per_hour": {
        "en": "Value of commuting time",
        "da": "Værdi af pendlingstid",
    },
    "cost.home_office_equipment_per_employee": {
        "en": "Home-office kit per employee",
        "da": "Hjemmekontorudstyr pr. medarbejder",
    },
    "finance.discount_rate": {"en": "Discount rate", "da": "Kalkulationsrente"},
    "finance.horizon_years": {"en": "Appraisal horizon", "da": "Tidshorisont"},
    "deduction.threshold_km_round_trip": {
        "en": "Commuting deduction threshold",
        "da": "Befordringsfradrag, bundgrænse",
    },
    "deduction.upper_km_round_trip": {
        "en": "Commuting deduction upper limit",
        "da": "Befordringsfradrag, øvre grænse",
    },
    "deduction.rate_per_km": {
        "en": "Commuting deduction rate",
        "da": "Befordringsfradrag, sats",
    },
    "deduction.rate_above_upper_per_km": {
        "en": "Commuting deduction rate above the limit",
        "da": "Befordringsfradrag, sats over grænsen",
    },
    "deduction.marginal_tax_value": {
        "en": "Tax value of the commuting deduction",
        "da": "Skatteværdi af befordringsfradraget",
    },
}
_REBOUND_SHARE = "rebound.noncommute_mode_share."

#: Topic of a parameter key, by prefix (first match), in the order of the appendix.
PARAMETER_LABELS.update(
    {
        "rebound.noncommute_own_mode_share": {
            "en": "Rebound trips in the commuter’s own mode, share",
            "da": "Rebound-ture i pendlerens eget transportmiddel, andel",
        },
        "longrun.hybrid_commute_growth_share": {
            "en": "Longer commute of workers who become hybrid (moving), share",
            "da": "Længere pendling for medarbejdere, der bliver hybride (flytning), andel",
        },
        "longrun.third_place_share_of_home_days": {
            "en": "Remote days spent at a third place, share",
            "da": "Hjemmearbejdsdage tilbragt på et tredje sted, andel",
        },
        "longrun.third_place_one_way_km": {
            "en": "Distance to the third place, one way",
            "da": "Afstand til det tredje sted, én vej",
        },
        "deduction.outer_area_rate_per_km": {
            "en": "Deduction rate in outer municipalities and small islands",
            "da": "Fradragssats i yderkommuner og på småøer",
        },
        "deduction.bridge.storebaelt_car_per_passage": {
            "en": "Storebælt bridge allowance by car, per passage",
            "da": "Brofradrag Storebælt i bil, pr. passage",
        },
        "deduction.bridge.storebaelt_public_per_passage": {
            "en": "Storebælt bridge allowance by public transport, per passage",
            "da": "Brofradrag Storebælt med kollektiv trafik, pr. passage",
        },
        "deduction.bridge.oresund_car_per_passage": {
            "en": "Øresund bridge allowance by car, per passage",
            "da": "Brofradrag Øresund i bil, pr. passage",
        },
        "deduction.bridge.oresund_public_per_passage": {
            "en": "Øresund bridge allowance by public transport, per passage",
            "da": "Brofradrag Øresund med kollektiv trafik, pr. passage",
        },
        "account.homeworking_co2e_kg_per_fte_hour": {
            "en": "DESNZ homeworking CO₂e per FTE working hour",
            "da": "DESNZ: CO₂e ved hjemmearbejde pr. fuldtidsarbejdstime",
        },
        "work_travel.replaceable_share.meeting": {
            "en": "Meeting trips that could be video calls, share",
            "da": "Mødeture, der kunne være videomøder, andel",
        },
        "work_travel.replaceable_share.training": {
            "en": "Training trips that could be video calls, share",
            "da": "Oplæringsture, der kunne være videomøder, andel",
        },
        "work_travel.replaceable_share.course": {
            "en": "Course trips that could be online, share",
            "da": "Kursusture, der kunne foregå online, andel",
        },
        "work_travel.replaceable_share.inspection": {
            "en": "Inspection trips that could be video calls, share",
            "da": "Tilsynsture, der kunne være videomøder, andel",
        },
        "work_travel.replaceable_share.other": {
            "en": "Other work trips that could be video calls, share",
            "da": "Øvrige tjenesteture, der kunne være videomøder, andel",
        },
        "work_travel.virtual_meeting_hours_per_trip": {
            "en": "Video-call hours per trip replaced",
            "da": "Videomødetimer pr. erstattet tur",
        },
        "work_travel.video_call_co2e_kg_per_hour": {
            "en": "Video-call CO₂e per hour",
            "da": "CO₂e ved videomøder pr. time",
        },
        "work_travel.mileage_rate_per_km": {
            "en": "Mileage allowance rate",
            "da": "Sats for kørselsgodtgørelse",
        },
        "work_travel.mileage_rate_above_band_per_km": {
            "en": "Mileage allowance rate above the band",
            "da": "Sats for kørselsgodtgørelse over grænsen",
        },
        "work_travel.mileage_band_km_per_year": {
            "en": "Mileage allowance band, km a year",
            "da": "Grænse for kørselsgodtgørelse, km om året",
        },
    }
)

PARAMETER_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("topic_time", ("workdays_per_year", "hours_per_workday")),
    ("topic_mode", ("mode.",)),
    ("topic_home", ("home.", "energy.", "ict.")),
    ("topic_rebound", ("rebound.",)),
    ("topic_office", ("office.",)),
    ("topic_money", ("cost.", "finance.")),
    ("topic_deduction", ("deduction.",)),
    ("topic_longrun", ("longrun.",)),
    ("topic_work_travel", ("work_travel.",)),
    ("topic_account", ("account.",)),
)


def parameter_topic(key: str) -> str:
    """The text key of a parameter's topic (``topic_mode`` for ``mode.car.occupancy``)."""
    for topic, prefixes in PARAMETER_TOPICS:
        if any(key == p or (p.endswith(".") and key.startswith(p)) for p in prefixes):
            return topic
    return "topic_other"


#: A mode's name when a parameter of it is the one quantity of its whole family (the car
#: fuels' circuity, speed, ... linked with ``same_as``).
MODE_FAMILY_NAMES: dict[str, dict[str, str]] = {
    "car": {"en": "Car (every fuel)", "da": "Bil (alle drivmidler)"},
}


def parameter_label(key: str, lang: str = "en", shared_with: Sequence[str] = ()) -> str:
    """A parameter's name for the reader, in ``lang`` (the key itself when unknown).

    ``shared_with``: the keys linked to ``key`` (``Parameters.linked_to``); a mode parameter
    that other modes share is named for all of them ("Car (every fuel): circuity").

    Examples
    --------
    >>> parameter_label("mode.car_ev.co2e_wtt_kg_per_km", "da")
    'Elbil: CO₂e-faktor (opstrøms)'
    >>> parameter_label("rebound.noncommute_mode_share.car", "en")
    'Rebound trips by car, share'
    >>> parameter_label("mode.car.circuity", "en", shared_with=["mode.car_ev.circuity"])
    'Car (every fuel): circuity'
    """
    check_lang(lang)
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "mode" and parts[2] in _MODE_FIELD_LABELS:
        mode = MODE_NAMES.get(parts[1], {}).get(lang, parts[1])
        others = [k.split(".")[1] for k in shared_with if k.count(".") == 2]
        if others:
            family = parts[1]
            if family in MODE_FAMILY_NAMES and all(m.startswith(family) for m in others):
                mode = MODE_FAMILY_NAMES[family][lang]
            else:
                names = [MODE_NAMES.get(m, {}).get(lang, m) for m in others]
                mode = ", ".join([mode, *names])
        return f"{mode}: {_MODE_FIELD_LABELS[parts[2]][lang]}"
    if key.startswith(_REBOUND_SHARE):
        mode = key[len(_REBOUND_SHARE) :]
        if lang == "da":
            name = MODE_NAMES.get(mode, {}).get("da", mode).lower()
            return f"Rebound-ture, andel med {name}"
        return f"Rebound trips by {mode}, share"
    return PARAMETER_LABELS.get(key, {}).get(lang, key)


# -- notes a reader sees (defaults applied, data checks) ------------------------------------------
#: Note kind -> {"en": text, "da": text}; ``{name}`` placeholders are the note's values.
NOTE_TEXTS: dict[str, dict[str, str]] = {
    "default_column": {
        "en": "no '{column}' column: every employee taken as {column} = {value}",
        "da": "ingen kolonne '{column}': alle medarbejdere regnet med {column} = {value}",
    },
    "teleworkable_missing": {
        "en": "{n} employee(s) without a teleworkable value: taken as fully teleworkable "
        "(1.0), so the policy's remote days are not capped for them",
        "da": "{n} medarbejder(e) uden værdi for egnethed til hjemmearbejde: regnet som "
        "fuldt egnede (1,0), så ordningens hjemmedage ikke begrænses for dem",
    },
    "no_sites_table": {
        "en": "no sites table: site ids not checked, no office results",
        "da": "ingen tabel med lokaliteter: lokalitets-id'er ikke kontrolleret, ingen "
        "resultater for kontorer",
    },
    "blank_lines": {
        "en": "{n} blank line(s) skipped (not counted as rows)",
        "da": "{n} tom(me) linje(r) sprunget over (ikke talt som rækker)",
    },
    "encoding": {
        "en": "{label}: read as {encoding} text",
        "da": "{label}: læst som {encoding}-tekst",
    },
    "excel_sep": {
        "en": "{label}: Excel's 'sep={sep}' first line honoured",
        "da": "{label}: Excels første linje 'sep={sep}' er fulgt",
    },
    "header_row": {
        "en": "{label}: the header is row {row}; the row(s) above it were skipped{above}",
        "da": "{label}: overskriften står i række {row}; rækken/rækkerne over den er "
        "sprunget over{above}",
    },
    "unused_columns_kept": {
        "en": "{what} column(s) not used by the calculation (kept as they are, e.g. for "
        "grouping): {columns}",
        "da": "kolonne(r) i {what} uden betydning for beregningen (bevaret som de er, fx til "
        "gruppering): {columns}",
    },
    "unused_columns_dropped": {
        "en": "{what} column(s) not used by the calculation (not read; map them with "
        "column_map if they hold a known quantity): {columns}",
        "da": "kolonne(r) i {what} uden betydning for beregningen (ikke indlæst; tilknyt "
        "dem med column_map, hvis de indeholder en kendt størrelse): {columns}",
    },
    "did_you_mean": {
        "en": "'{column}' (did you mean '{known}'? map it with column_map)",
        "da": "'{column}' (mente du '{known}'? tilknyt den med column_map)",
    },
    "walk_far": {
        "en": "plausibility: {n} employee(s) walk more than {km} km one way (3 h each way at "
        "5 km/h); kept in the results; check the data (one_way_km, home location, mode)",
        "da": "plausibilitet: {n} medarbejder(e) går mere end {km} km hver vej (3 timer hver "
        "vej ved 5 km/t); beholdt i resultaterne; kontrollér data (one_way_km, bopæl, "
        "transportmiddel)",
    },
    "cycle_far": {
        "en": "plausibility: {n} employee(s) cycle more than {km} km one way (bicycle or "
        "e-bike); kept in the results; check the data (one_way_km, home location, mode)",
        "da": "plausibilitet: {n} medarbejder(e) cykler mere end {km} km hver vej (cykel "
        "eller elcykel); beholdt i resultaterne; kontrollér data (one_way_km, bopæl, "
        "transportmiddel)",
    },
    "commute_far": {
        "en": "plausibility: {n} employee(s) commute more than {km} km one way (over 3 h each "
        "way, a weekly rather than a daily commute, or a wrong home location); kept in the "
        "results; check the data (one_way_km, home location)",
        "da": "plausibilitet: {n} medarbejder(e) pendler mere end {km} km hver vej (over 3 "
        "timer hver vej, ugependling snarere end daglig pendling eller en forkert bopæl); "
        "beholdt i resultaterne; kontrollér data (one_way_km, bopæl)",
    },
    "site_area_low": {
        "en": "plausibility: {n} site(s) have less than {m2} m² of floor area per employee in "
        "the data (area_m2 / employees; 12 m² is a dense activity-based office): the area "
        "may be too small, hold only the office of a frontline site, or the site's staff "
        "include other sites' staff; kept in the results; check the data",
        "da": "plausibilitet: {n} lokalitet(er) har under {m2} m² etageareal pr. medarbejder "
        "i data (area_m2 / medarbejdere; 12 m² er et tæt aktivitetsbaseret kontor): arealet "
        "kan være for lille, kun omfatte kontoret på en borgernær arbejdsplads, eller "
        "lokalitetens medarbejdere omfatter andre lokaliteters; beholdt i resultaterne; "
        "kontrollér data",
    },
    "site_area_high": {
        "en": "plausibility: {n} site(s) have more than {m2} m² of floor area per employee in "
        "the data (area_m2 / employees; the Danish state averages 30 m²): the area may "
        "include non-office space or many of the site's staff are not in the data; kept in "
        "the results; check the data",
        "da": "plausibilitet: {n} lokalitet(er) har over {m2} m² etageareal pr. medarbejder "
        "i data (area_m2 / medarbejdere; staten har i gennemsnit 30 m²): arealet kan omfatte "
        "andet end kontor, eller mange af lokalitetens medarbejdere er ikke i data; beholdt "
        "i resultaterne; kontrollér data",
    },
    "site_area_missing": {
        "en": "{n} site(s) without area_m2: area taken as desks × area per desk × (1 + "
        "support space)",
        "da": "{n} lokalitet(er) uden area_m2: arealet regnet som arbejdspladser × areal pr. "
        "arbejdsplads × (1 + støttearealer)",
    },
    "no_space_released": {
        "en": "no office space is given up (release_space = 0): only the occupancy part of "
        "office cost and CO₂e changes",
        "da": "intet kontorareal afgives (release_space = 0): kun den brugsafhængige del af "
        "kontorudgift og CO₂e ændres",
    },
    "few_assessed": {
        "en": "only {n} employee(s) assessed (workforce or applies_to), fewer than the "
        "minimum group size {k}: the totals describe identifiable people; reports, "
        "workbooks and the CLI refuse to publish them without allow_small",
        "da": "kun {n} medarbejder(e) vurderet (hele datasættet eller applies_to), færre end "
        "mindste gruppestørrelse {k}: totalerne beskriver genkendelige personer; rapporter, "
        "regneark og kommandolinjen nægter at offentliggøre dem uden allow_small",
    },
    # desk-based and frontline staff (engine.desk_notes, assessment.desk_site_notes)
    "desk_from_occupation": {
        "en": "desk_based taken from the occupation code (ISCO-08; office.ISCO_DESK_BASED) for "
        "{n} employee(s): {desk} desk-based, {frontline} frontline",
        "da": "desk_based (om medarbejderen har skrivebordsarbejde) udledt af stillingskoden "
        "(ISCO-08; office.ISCO_DESK_BASED) for {n} medarbejder(e): {desk} med "
        "skrivebordsarbejde, {frontline} frontpersonale",
    },
    "desk_from_site_type": {
        "en": "desk_based taken from the site's type (office.SITE_TYPE_DESKS) for {n} "
        "employee(s) without desk_based or occupation code: {desk} desk-based, {frontline} "
        "frontline",
        "da": "desk_based (om medarbejderen har skrivebordsarbejde) udledt af lokalitetens "
        "type (office.SITE_TYPE_DESKS) for {n} medarbejder(e) uden desk_based eller "
        "stillingskode: {desk} med skrivebordsarbejde, {frontline} frontpersonale",
    },
    "desk_assumed": {
        "en": "{n} employee(s) without desk_based, occupation code or known site type: taken "
        "as desk-based (each needs a desk on the days on site)",
        "da": "{n} medarbejder(e) uden desk_based, stillingskode eller kendt lokalitetstype: "
        "regnet som medarbejdere med skrivebordsarbejde (hver skal bruge en arbejdsplads på "
        "fremmødedage)",
    },
    "desk_based_no_desks": {
        "en": "{n} desk-based employee(s) at site(s) without desks (desks = 0 or a site type "
        "without desks): no desk effect",
        "da": "{n} medarbejder(e) med skrivebordsarbejde på lokaliteter uden arbejdspladser "
        "(desks = 0 eller en lokalitetstype uden arbejdspladser): ingen effekt på "
        "arbejdspladserne",
    },
    "no_desk_effect_staff": {
        "en": "{n} employee(s) have no desk effect (frontline, or at a site without "
        "desks{empty}): they keep their commuting effects; desks, area and office cost and "
        "CO₂e count desk-based staff only (per_site: desk_employees, "
        "no_desk_effect_employees)",
        "da": "{n} medarbejder(e) påvirker ikke behovet for arbejdspladser (frontpersonale "
        "eller på en lokalitet uden arbejdspladser{empty}): deres effekt på pendlingen "
        "tælles med; arbejdspladser, areal samt kontorudgift og -CO₂e regnes kun for "
        "medarbejdere med skrivebordsarbejde (per_site: desk_employees, "
        "no_desk_effect_employees)",
    },
    "no_desk_effect_empty_sites": {
        "en": "; {n} site(s) with nobody at a desk",
        "da": "; {n} lokalitet(er), hvor ingen har skrivebordsarbejde",
    },
    "desk_ratio_below_service": {
        "en": "desk ratio {ratio} gives fewer desks than the service level {level} needs at "
        "{n} site(s): their desk-based staff find a desk on every weekday with probability "
        "{lo} to {hi} (per_site: service_level_achieved); the desks given up are not a "
        "saving of demand: people still come in",
        "da": "arbejdspladsnormen {ratio} giver færre arbejdspladser, end serviceniveauet "
        "{level} kræver, på {n} lokalitet(er): deres medarbejdere med skrivebordsarbejde "
        "finder en ledig arbejdsplads alle ugens dage med sandsynligheden {lo} til {hi} "
        "(per_site: service_level_achieved); de sparede arbejdspladser er ikke et mindre "
        "behov, for medarbejderne møder stadig ind",
    },
    # Danish commuting deduction (dkrules.deduction_notes)
    "deduction_unknown_home": {
        "en": "{n} employee(s) without a home municipality code (or small-island postcode): "
        "the ordinary commuting-deduction rates apply to them; residents of the outer "
        "municipalities and small islands (ligningsloven § 9 C, stk. 3) get the rate + "
        "10.75 % on every km above 24",
        "da": "{n} medarbejder(e) uden kommunekode for bopælen (eller postnummer på en småø): "
        "de får "
        "de almindelige satser for befordringsfradrag; beboere i yderkommuner og på småøer "
        "(ligningsloven § 9 C, stk. 3) får satsen + 10,75 % for hver km over 24",
    },
    "deduction_outer": {
        "en": "{n} employee(s) live in an outer municipality or on a small island: their "
        "commuting deduction uses the outer-area rate on every km above 24",
        "da": "{n} medarbejder(e) bor i en yderkommune eller på en småø: deres "
        "befordringsfradrag beregnes med den forhøjede sats for hver km over 24",
    },
    "deduction_bridge": {
        "en": "{n} employee(s) commute over the Storebælt or Øresund bridge: their deduction "
        "includes the bridge allowance per passage (only one person in a shared car may "
        "claim it; not checked)",
        "da": "{n} medarbejder(e) pendler over Storebælts- eller Øresundsbroen: deres "
        "fradrag omfatter brofradraget pr. passage (kun én person i en samkørselsbil kan "
        "få det; ikke kontrolleret)",
    },
    # commute distances (workforce.distance_notes, geography.apply_od, readers.read_od)
    "distance_sources": {
        "en": "commute distance by source (employees): {parts}; total {n}",
        "da": "pendlingsafstand efter kilde (medarbejdere): {parts}; i alt {n}",
    },
    "distance_source_count": {"en": "{source} {n}", "da": "{source}: {n}"},
    "zone_internal": {
        "en": "{n} employee(s) placed by postcode or municipality live in the zone of their "
        "site: distance = the zone's mean internal distance 0.9054·√(area/π) (two random "
        "points of a disc of the zone's area; Solomon 1978) × the mode's circuity, not 0 km",
        "da": "{n} medarbejder(e), der er placeret efter postnummer eller kommune, bor i "
        "samme zone som deres lokalitet: afstanden er zonens gennemsnitlige interne afstand "
        "0,9054·√(areal/π) (to tilfældige punkter i en cirkel med zonens areal; Solomon "
        "1978) × transportmidlets omvejsfaktor, ikke 0 km",
    },
    "zone_area_unknown": {
        "en": "{n} of them live in a zone with no known area{where}: taken as the median "
        "zone area of its kind{medians}",
        "da": "{n} af dem bor i en zone uden kendt areal{where}: arealet er sat til "
        "medianarealet for zoner af samme slags{medians}",
    },
    "zone_area_where": {"en": " in {source}", "da": " i {source}"},
    "zone_area_medians": {"en": " ({medians})", "da": " ({medians})"},
    "zone_area_median": {"en": "{zone} {km2} km²", "da": "{zone}: {km2} km²"},
    "od_no_home_column": {
        "en": "{file}: origins are {zone}s but the staff data have no {column} column; no "
        "distance taken from it",
        "da": "{file}: udgangspunkterne er angivet efter {zone}, men personaledata har ingen "
        "kolonne {column}; ingen afstande hentet derfra",
    },
    "od_taken": {
        "en": "{file}: routed one-way distance taken for {n} of {n_open} employee(s) without "
        "a given distance (by home {zone}, site and mode; travel time for {n_minutes}); "
        "{n_rest} not in the table keep the geographic distance",
        "da": "{file}: ruteafstand hver vej hentet for {n} af {n_open} medarbejder(e) uden "
        "en angivet afstand (efter bopælens {zone}, lokalitet og transportmiddel; rejsetid "
        "for {n_minutes}); {n_rest}, der ikke står i tabellen, beholder den geografiske "
        "afstand",
    },
    "od_rows_excluded": {
        "en": "{file}: {n} origin-destination row(s) left out for problems (see attrs['excluded'])",
        "da": "{file}: {n} række(r) i afstandstabellen udeladt på grund af fejl (se "
        "attrs['excluded'])",
    },
    # reading files (readers)
    "sheet_other": {
        "en": "{label}: the {what} table was read from sheet '{sheet}' (the first sheet, "
        "'{first}', has no {what} header row); pass sheet=... to choose another",
        "da": "{label}: tabellen med {what} blev læst fra arket '{sheet}' (det første ark, "
        "'{first}', har ingen overskriftsrække for {what}); angiv sheet=... for at vælge et "
        "andet",
    },
    "excel_other_suffix": {
        "en": "{label}: the file is an Excel workbook with a '{suffix}' name; it was read as "
        "a workbook",
        "da": "{label}: filen er en Excel-projektmappe med endelsen '{suffix}'; den blev læst "
        "som projektmappe",
    },
    "site_types_unknown": {
        "en": "site type(s) not recognised: {types}; such sites are taken as offices (they "
        "have desks; their staff are desk-based unless their desk_based column or "
        "occupation code says otherwise). Recognised types: {known} (and Danish names such "
        "as rådhus, skole, børnehave, plejecenter, sygehus, materielgård, bibliotek)",
        "da": "lokalitetstype(r), der ikke genkendes: {types}; sådanne lokaliteter regnes "
        "som kontorer (de har arbejdspladser, og deres medarbejdere har skrivebordsarbejde, "
        "medmindre kolonnen desk_based eller stillingskoden siger andet). Kendte typer: "
        "{known} (og danske navne som rådhus, skole, børnehave, plejecenter, sygehus, "
        "materielgård, bibliotek)",
    },
    "column_missing_in_parts": {
        "en": "column '{column}' is missing in {n} of {total} file(s) or partition(s): left "
        "blank there",
        "da": "kolonnen '{column}' mangler i {n} af {total} fil(er) eller partition(er): "
        "feltet står tomt dér",
    },
    # uncertainty, climate account, hubs
    "mc_desks_interpolated": {
        "en": "desks interpolated linearly between {n} uptake values from {lo} to {hi}",
        "da": "arbejdspladser interpoleret lineært mellem {n} værdier for tilslutningen fra "
        "{lo} til {hi}",
    },
    "climate_category7": {
        "en": "Scope 3 Category 7 holds commuting and (optionally) teleworking; the extra "
        "non-commute trips and ICT of home days are not in it (they are in the assessment's "
        "net CO₂e).",
        "da": "Scope 3, kategori 7 omfatter pendling og (valgfrit) hjemmearbejde; de ekstra "
        "ture uden for pendlingen og IT på hjemmearbejdsdage indgår ikke (de indgår i "
        "vurderingens netto-CO₂e).",
    },
    "climate_factors": {
        "en": "Commute factors: {scope} ({pset}).",
        "da": "Pendlingsfaktorer: {scope} ({pset}).",
    },
    "climate_two_routes": {
        "en": "Teleworking is shown by two average-data routes; each total adds one of them.",
        "da": "Hjemmearbejde vises efter to gennemsnitsdatametoder; hver total lægger én af "
        "dem til.",
    },
    "climate_modes_pooled": {
        "en": "{n} mode(s) with few employees pooled into one unnamed row.",
        "da": "{n} transportmiddel(er) med få medarbejdere samlet i én unavngiven række.",
    },
    "climate_small": {
        "en": "Fewer people than the minimum group size: no rows by mode.",
        "da": "Færre personer end mindste gruppestørrelse: ingen rækker pr. transportmiddel.",
    },
    "hubs_no_home": {
        "en": "{n} employee(s) with hub days but no home point: not assigned",
        "da": "{n} medarbejder(e) med dage på en satellitarbejdsplads, men uden bopælspunkt: "
        "ikke tildelt",
    },
    # estimation and analysis helpers that add a note to a Workforce
    "teleworkable_mapped": {
        "en": "teleworkable: {n} employee(s) from the {source} via '{column}'{overwrite}; "
        "{n_codes} code(s) of {n_unresolved} employee(s) did not resolve (see the match "
        "report)",
        "da": "teleworkable: {n} medarbejder(e) fra {source} via '{column}'{overwrite}; "
        "{n_codes} kode(r) for {n_unresolved} medarbejder(e) kunne ikke slås op (se "
        "matchrapporten)",
    },
    "teleworkable_overwrite": {
        "en": " (overwriting given values)",
        "da": " (overskriver de angivne værdier)",
    },
    "wanted_days_predicted": {
        "en": "{column}: {what} per employee, predicted by an ordered {model} model of a "
        "staff survey ({n} respondents){missing}",
        "da": "{column}: {what}, forudsagt af en ordnet {model}-model af en "
        "medarbejderundersøgelse ({n} besvarelser){missing}",
    },
    "wanted_days_desired": {
        "en": "expected desired home days",
        "da": "forventet antal ønskede hjemmedage pr. medarbejder",
    },
    "wanted_days_taken": {
        "en": "expected home days taken when {granted} are granted",
        "da": "forventet antal hjemmedage pr. medarbejder, når der tillades {granted}",
    },
    "wanted_days_missing": {
        "en": "; {n} employee(s) with a missing covariate have no value (no cap)",
        "da": "; {n} medarbejder(e) med en manglende forklarende variabel har ingen værdi "
        "(intet loft)",
    },
    "relocation": {
        "en": "relocation: {n} of {total} selected position(s) ({selection}) moved to "
        "'{site}'; {how}",
        "da": "flytning: {n} af {total} udvalgte stilling(er) ({selection}) flyttet til "
        "'{site}'; {how}",
    },
    "relocation_incumbents_redrawn": {
        "en": "incumbents keep their homes; modes redrawn by distance band",
        "da": "de nuværende medarbejdere beholder deres bopæl; transportmidlet trækkes på ny "
        "efter afstandsbånd",
    },
    "relocation_incumbents_kept": {
        "en": "incumbents keep their homes; modes kept",
        "da": "de nuværende medarbejdere beholder deres bopæl og transportmiddel",
    },
    "relocation_local_hires": {
        "en": "new hires live like the local workforce of '{site}'{reference}, {n} people "
        "drawn from",
        "da": "nyansatte bor som de lokale medarbejdere ved '{site}'{reference}, trukket "
        "blandt {n} personer",
    },
    "relocation_reference_today": {
        "en": " (today's staff there)",
        "da": " (dagens medarbejdere dér)",
    },
    "relocation_reference_given": {
        "en": " (reference given)",
        "da": " (angivet reference)",
    },
    "hubs_not_optimal": {
        "en": "the exact solver stopped before proving optimality (time limit)",
        "da": "den eksakte løser stoppede, før løsningen var bevist optimal (tidsgrænse)",
    },
}

#: Words used inside notes' values (``what`` of the unused-columns note).
#: Notes of the work-trips reader (remotecalc.inputs.trips).
NOTE_TEXTS.update(
    {
        "trips_no_workforce": {
            "en": "trips read without a workforce: employee numbers were not checked",
            "da": "ture læst uden medarbejderdata: medarbejdernumrene er ikke kontrolleret",
        },
        "trips_no_mode": {
            "en": "{n} trip(s) without a mode: taken as own car (reimbursed per km), the usual "
            "case of a mileage claim",
            "da": "{n} tur(e) uden transportmiddel: regnet som egen bil (godtgjort pr. km), det "
            "almindelige for en kørselsgodtgørelse",
        },
        "trips_other_purpose": {
            "en": "{n} trip(s) whose purpose is blank or not recognised: classified 'other' "
            "(map them with purpose_map=)",
            "da": "{n} tur(e) med tomt eller ukendt formål: klassificeret som 'andet' (angiv "
            "dem med purpose_map=)",
        },
        "trips_excluded": {
            "en": "{n} trip row(s) excluded (see WorkTrips.excluded)",
            "da": "{n} turrække(r) udeladt (se WorkTrips.excluded)",
        },
        "trips_from_places": {
            "en": "{n} trip(s) without km: great-circle distance between the places × the "
            "mode's circuity (one way; a return is its own row)",
            "da": "{n} tur(e) uden km: luftlinjeafstand mellem stederne × transportmidlets "
            "omvejsfaktor (én vej; en returtur er sin egen række)",
        },
        "trips_period": {
            "en": "trips taken to cover {start} to {end} (whole calendar months from the first "
            "to the last trip); pass period= if the records cover more",
            "da": "turene regnet som dækkende {start} til {end} (hele kalendermåneder fra første "
            "til sidste tur); angiv period=, hvis registreringerne dækker mere",
        },
    }
)


NOTE_WORDS: dict[str, dict[str, str]] = {
    "staff": {"en": "staff", "da": "personaledata"},
    "sites": {"en": "sites", "da": "lokaliteter"},
    "origin-destination": {"en": "origin-destination", "da": "afstandstabel"},
    "occupancy": {"en": "occupancy", "da": "belægning"},
    "badge events": {"en": "badge events", "da": "adgangskortregistreringer"},
    # commute distance sources (workforce.DISTANCE_SOURCES) and zone kinds
    "given": {"en": "given", "da": "angivet"},
    "od_table": {"en": "od_table", "da": "afstandstabel"},
    "zone_internal": {"en": "zone_internal", "da": "inden for zonen"},
    "great_circle×circuity": {
        "en": "great_circle×circuity",
        "da": "luftlinje × omvejsfaktor",
    },
    "postcode": {"en": "postcode", "da": "postnummer"},
    "municipality": {"en": "municipality", "da": "kommune"},
}


def _note_value(v, lang: str) -> str:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return fmt_number(v, lang, 0)
    if isinstance(v, float):
        return _short_number(v, lang)
    if isinstance(v, (list, tuple)):
        return ", ".join(_note_value(x, lang) for x in v)
    if isinstance(v, Note):
        return v.render(lang)
    return str(v)


class Note(str):
    """A note for the reader that can be written in any language.

    It *is* its English text (a ``str``: printed, compared, joined and searched as before),
    and it also carries its kind (a key of :data:`NOTE_TEXTS`) and its values, so that a
    Danish report renders it in Danish (:meth:`render`, :func:`note_text`). Values are
    numbers (formatted per language), text (the user's own: file names, column names,
    kept as is), :class:`Note` (rendered in the same language) or a ``NOTE_WORDS`` key
    given as ``Note.word("staff")``.

    Examples
    --------
    >>> n = Note("default_column", column="onsite_days_per_week", value=5.0)
    >>> str(n)
    "no 'onsite_days_per_week' column: every employee taken as onsite_days_per_week = 5"
    >>> n.render("da")
    "ingen kolonne 'onsite_days_per_week': alle medarbejdere regnet med onsite_days_per_week = 5"
    >>> n.kind, n.values["value"]
    ('default_column', 5.0)
    """

    kind: str
    values: dict

    def __new__(cls, kind: str, **values) -> Note:
        if kind not in NOTE_TEXTS and kind != "_word":
            raise KeyError(f"unknown note kind {kind!r}; add it to i18n.NOTE_TEXTS")
        obj = super().__new__(cls, cls._text(kind, "en", values))
        obj.kind = kind
        obj.values = dict(values)
        return obj

    @staticmethod
    def _text(kind: str, lang: str, values: dict) -> str:
        if kind == "_word":
            return NOTE_WORDS[values["word"]][lang]
        return NOTE_TEXTS[kind][lang].format(**{k: _note_value(v, lang) for k, v in values.items()})

    @classmethod
    def word(cls, word: str) -> Note:
        """A word of :data:`NOTE_WORDS` as a value of another note."""
        return cls("_word", word=word)

    @classmethod
    def from_values(cls, kind: str, values: dict) -> Note:
        """The note of ``kind`` with ``values`` (used by pickle)."""
        return cls(kind, **values)

    def __reduce__(self):
        return (Note.from_values, (self.kind, self.values))

    def render(self, lang: str = "en") -> str:
        """The note's text in ``lang``."""
        check_lang(lang)
        return self._text(self.kind, lang, self.values)


def note_text(note: str, lang: str = "en") -> str:
    """A note in ``lang``: a :class:`Note` rendered, any other text as it is (English)."""
    return note.render(lang) if isinstance(note, Note) else str(note)
