"""The default corpus of astro-ie, installed as package data (``astro_ie.data``).

:func:`astro_ie.resources.default_corpus` finds it wherever astro-ie is installed.
"""
