"""``python -m astro_ie``: the ``astro-ie`` command."""

from .cli import main

main()
