"""What the model is given: parameter sets, scenarios, the workforce and the readers of files.

``parameters`` (sourced parameter sets), ``scenario`` (the levers), ``workforce`` (the staff
table the model runs on), ``geography`` (places and distances), ``readers`` (staff, sites and
origin-destination files), ``roads`` (road distances from an OpenStreetMap extract),
``attendance`` (badge and occupancy logs), ``trips`` (work-trip
records), ``vocab`` (column and value vocabularies), ``plausibility`` (notes on unlikely
values). Nothing here evaluates a scenario.
"""
