"""Write the municipal HR export example (``kommune_hr_export.csv`` and ``kommune_sites.csv``).

A hand-made, realistic export of a Danish municipality's HR system as it comes: Windows-1252,
';' as separator, decimal commas, Danish headers, DISCO-08 codes, weekly hours, no
teleworkable column; frontline staff (teachers, pedagogues, care workers, road workers) and
office staff mixed. Not the demo generator: every row is written out below. Run from the
project root: ``python data/examples/make_hr_export.py``.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

HEADER = (
    "Medarbejder-nr;Afdeling;Arbejdssted;Postnr;Stillingsbetegnelse;STYRK/DISCO-kode;"
    "Transportmiddel;Afstand (km);Ugentlig arbejdstid"
)

# Medarbejder-nr, Afdeling, Arbejdssted, Postnr (home), Stillingsbetegnelse, DISCO-08,
# Transportmiddel, Afstand (km) (blank: from postcodes), Ugentlig arbejdstid
ROWS = [
    # Rådhuset (town hall): office staff
    ("10231", "Økonomi", "RAAD", "4000", "Økonomikonsulent", "241110", "Cykel", "3,2", "37"),
    ("10244", "Økonomi", "RAAD", "4040", "Regnskabsmedarbejder", "331310", "Bil", "11,5", "37"),
    ("10257", "Økonomi", "RAAD", "2630", "Controller", "241110", "Tog", "17,8", "37"),
    ("10262", "Økonomi", "RAAD", "4000", "Økonomichef", "121110", "Elbil", "4,9", "37"),
    ("10318", "HR", "RAAD", "4320", "HR-konsulent", "242310", "Bil (diesel)", "", "37"),
    ("10326", "HR", "RAAD", "4000", "Lønbogholder", "431310", "Elcykel", "6,1", "30"),
    ("10339", "HR", "RAAD", "2200", "HR-partner", "242310", "S-tog", "", "37"),
    ("10402", "Digitalisering", "RAAD", "2640", "Systemudvikler", "251210", "Tog", "", "37"),
    ("10415", "Digitalisering", "RAAD", "4000", "IT-supporter", "351210", "Cykel", "2,4", "37"),
    (
        "10421",
        "Digitalisering",
        "RAAD",
        "4100",
        "Projektleder",
        "242110",
        "Dieselbil",
        "31,0",
        "37",
    ),
    (
        "10508",
        "Borgerservice",
        "RAAD",
        "4030",
        "Borgerservicemedarbejder",
        "422210",
        "Bus",
        "",
        "32",
    ),
    ("10514", "Borgerservice", "RAAD", "4000", "Kontorassistent", "411010", "Gang", "1,1", "37"),
    (
        "10527",
        "Borgerservice",
        "RAAD",
        "4050",
        "Sagsbehandler",
        "263510",
        "Samkørsel",
        "19,6",
        "37",
    ),
    ("10533", "Jura", "RAAD", "3650", "Jurist", "261110", "Hybridbil", "", "37"),
    ("10546", "Jura", "RAAD", "4000", "Administrativ medarbejder", "", "Cykel", "3,8", "37"),
    ("10552", "Direktion", "RAAD", "4130", "Direktionssekretær", "334310", "Bil", "", "34,5"),
    # Nørre Skole (school): teachers, a secretary, the head
    ("20104", "Børn og Unge", "SKOLE", "4000", "Lærer", "233010", "Cykel", "2,7", "37"),
    ("20117", "Børn og Unge", "SKOLE", "4040", "Lærer", "233010", "Bil", "10,4", "37"),
    ("20123", "Børn og Unge", "SKOLE", "4300", "Lærer", "234110", "Tog", "", "37"),
    ("20136", "Børn og Unge", "SKOLE", "4000", "Lærer", "234110", "Elcykel", "4,4", "30"),
    ("20142", "Børn og Unge", "SKOLE", "4320", "Lærer", "234110", "Bil (diesel)", "9,9", "37"),
    ("20155", "Børn og Unge", "SKOLE", "4030", "Lærer", "233010", "Knallert", "5,3", "37"),
    ("20161", "Børn og Unge", "SKOLE", "4000", "Lærer", "234110", "Gang", "1,4", "25"),
    ("20174", "Børn og Unge", "SKOLE", "2630", "Lærer", "233010", "Tog", "", "37"),
    ("20180", "Børn og Unge", "SKOLE", "4140", "Lærer", "234110", "Bil", "", "37"),
    ("20193", "Børn og Unge", "SKOLE", "4000", "Lærer", "", "Cykel", "2,1", "37"),
    ("20207", "Børn og Unge", "SKOLE", "4050", "Skolesekretær", "334310", "Bil", "15,2", "32"),
    ("20210", "Børn og Unge", "SKOLE", "4000", "Skoleleder", "134510", "Elbil", "6,7", "37"),
    # Plejecenter Solbakken (care home)
    (
        "30102",
        "Ældre og Sundhed",
        "PLEJE",
        "4000",
        "Social- og sundhedsassistent",
        "532110",
        "Cykel",
        "3,0",
        "32",
    ),
    (
        "30115",
        "Ældre og Sundhed",
        "PLEJE",
        "4030",
        "Social- og sundhedsassistent",
        "532110",
        "Bil",
        "4,2",
        "30",
    ),
    (
        "30121",
        "Ældre og Sundhed",
        "PLEJE",
        "4040",
        "Social- og sundhedshjælper",
        "532210",
        "Bil",
        "",
        "28",
    ),
    (
        "30134",
        "Ældre og Sundhed",
        "PLEJE",
        "4100",
        "Social- og sundhedshjælper",
        "532210",
        "Dieselbil",
        "29,5",
        "32",
    ),
    (
        "30140",
        "Ældre og Sundhed",
        "PLEJE",
        "4000",
        "Social- og sundhedsassistent",
        "532110",
        "Elcykel",
        "2,6",
        "37",
    ),
    (
        "30153",
        "Ældre og Sundhed",
        "PLEJE",
        "4320",
        "Social- og sundhedshjælper",
        "532210",
        "Samkørsel",
        "",
        "30",
    ),
    ("30166", "Ældre og Sundhed", "PLEJE", "4000", "Sygeplejerske", "222110", "Cykel", "1,9", "37"),
    ("30172", "Ældre og Sundhed", "PLEJE", "2640", "Sygeplejerske", "222110", "Bil", "", "32"),
    ("30185", "Ældre og Sundhed", "PLEJE", "4000", "Centerleder", "134310", "Bil", "3,5", "37"),
    (
        "30191",
        "Ældre og Sundhed",
        "PLEJE",
        "4030",
        "Administrativ medarbejder",
        "411010",
        "Bus",
        "",
        "30",
    ),
    (
        "30204",
        "Ældre og Sundhed",
        "PLEJE",
        "4000",
        "Rengøringsassistent",
        "911210",
        "Gang",
        "0,8",
        "25",
    ),
    # Børnehuset Mariehønen (daycare)
    ("40107", "Børn og Unge", "BH", "4040", "Pædagog", "234210", "Cykel", "3,3", "32"),
    ("40113", "Børn og Unge", "BH", "4000", "Pædagog", "234210", "Bil", "7,2", "37"),
    ("40126", "Børn og Unge", "BH", "4050", "Pædagog", "234210", "Bil", "", "30"),
    ("40132", "Børn og Unge", "BH", "4040", "Pædagog", "234210", "Elcykel", "2,2", "37"),
    ("40145", "Børn og Unge", "BH", "4000", "Pædagogmedhjælper", "531110", "Knallert", "6,0", "30"),
    ("40151", "Børn og Unge", "BH", "4030", "Pædagogmedhjælper", "531110", "Bus", "", "25"),
    # Materielgården (works depot): road workers and a clerk
    ("50109", "Teknik og Miljø", "DEPOT", "4000", "Vejarbejder", "931210", "Bil", "4,1", "37"),
    (
        "50112",
        "Teknik og Miljø",
        "DEPOT",
        "4320",
        "Vejarbejder",
        "931210",
        "Bil (diesel)",
        "12,6",
        "37",
    ),
    ("50125", "Teknik og Miljø", "DEPOT", "4130", "Vejarbejder", "931210", "Samkørsel", "", "37"),
    (
        "50131",
        "Teknik og Miljø",
        "DEPOT",
        "4000",
        "Maskinfører",
        "834210",
        "Dieselbil",
        "5,5",
        "37",
    ),
    ("50144", "Teknik og Miljø", "DEPOT", "4100", "Driftsleder", "312210", "Bil", "", "37"),
    (
        "50150",
        "Teknik og Miljø",
        "DEPOT",
        "4000",
        "Administrativ medarbejder",
        "411010",
        "Cykel",
        "3,6",
        "30",
    ),
]

SITES_HEADER = (
    "Arbejdssted;Navn;Type;Adresse;Postnr;Areal m2;Kontorareal;Arbejdspladser;"
    "Husleje pr. m2;Kan afgives"
)
SITES = [
    (
        "RAAD",
        "Roskilde Rådhus",
        "Rådhus",
        "Rådhusbuen 1, 4000 Roskilde",
        "",
        "900",
        "",
        "22",
        "1450",
        "ja",
    ),
    ("SKOLE", "Nørre Skole", "Skole", "Skolevej 12, 4000 Roskilde", "", "9800", "", "", "", "nej"),
    ("PLEJE", "Plejecenter Solbakken", "Plejecenter", "", "4030", "6100", "", "", "", "nej"),
    ("BH", "Børnehuset Mariehønen", "Daginstitution", "", "4040", "800", "", "", "900", "nej"),
    (
        "DEPOT",
        "Materielgården",
        "Materielgård",
        "Industrivej 3, 4000 Roskilde",
        "",
        "1500",
        "60",
        "",
        "",
        "nej",
    ),
]


def main() -> None:
    lines = [HEADER, *(";".join(r) for r in ROWS)]
    (HERE / "kommune_hr_export.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    lines = [SITES_HEADER, *(";".join(r) for r in SITES)]
    (HERE / "kommune_sites.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


if __name__ == "__main__":
    main()
