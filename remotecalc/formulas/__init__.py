"""The pure formulas: small functions of arrays and floats, with units, equations and references.

Each module is one topic (``commute``, ``emissions``, ``home``, ``costs``, ``office``,
``policy``, ``travel``) and imports nothing of the package but :mod:`remotecalc._numeric`.
They are the bottom of the model: :mod:`remotecalc.inputs` may use them (a parameter set
computes derived values with them) and :mod:`remotecalc.model` combines them.
"""
