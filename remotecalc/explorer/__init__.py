"""The scenario explorer (Panel): ``app`` (the page, ``explore``, ``serve``) and ``state``
(the model behind it, free of Panel)."""
