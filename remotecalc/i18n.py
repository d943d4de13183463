"""Danish and English labels for figures, reports and workbooks.

One table of texts, looked up by key and language; units and numbers formatted the way each
language writes them (English ``1,234.5``; Danish ``1.234,5``). Metric labels, English and
Danish, come from the metrics registry (:mod:`remotecalc.metrics`, the single source); a
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
from typing import cast

__all__ = [
    "LANGUAGES",
    "TEXTS",
    "check_lang",
    "fmt_big",
    "fmt_number",
    "fmt_percent",
    "metric_label",
    "t",
    "unit_label",
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
        "en": "Per site, today and under the scenario. Sites under {k} employees are pooled.",
        "da": "Pr. lokalitet, i dag og i scenariet. Lokaliteter under {k} medarbejdere er "
        "slået sammen.",
    },
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
    "desk_based": {"en": "desk-based", "da": "med fast arbejdsplads"},
    "frontline": {"en": "frontline", "da": "frontpersonale"},
    "no_desk_effect_col": {
        "en": "No desk effect (frontline) [persons]",
        "da": "Ingen effekt på arbejdspladser (frontpersonale) [personer]",
    },
    "desk_employees_col": {
        "en": "At a desk [persons]",
        "da": "Med fast arbejdsplads [personer]",
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

# -- climate account (remotecalc.climate): GHG Protocol Scope 3 Category 7 ----------------
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

_UNIT_WORDS_DA = [
    ("/yr", "/år"),
    (" yr", " år"),
    ("days", "dage"),
    ("day", "dag"),
    ("desks", "arbejdspladser"),
    ("persons", "personer"),
    ("week", "uge"),
    ("share", "andel"),
    ("h/", "timer/"),
]


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
        (:func:`remotecalc.metrics.get` finds either).
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
    from . import metrics

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
    """
    check_lang(lang)
    u = unit.replace("CO2e", "CO₂e")
    u = re.sub(r"m2\b", "m²", u)
    if lang == "da":
        if u.startswith("1,000 "):
            u = "1.000 " + u[len("1,000 ") :]
        for en, da in _UNIT_WORDS_DA:
            u = u.replace(en, da)
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
