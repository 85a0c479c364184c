"""What the wheel carries; the rest of the metadata is in pyproject.toml.

The wheel holds the package with every file werf reads at run time: its styles, protocols,
translations and privacy word list, and, mapped into the package, the two folders the
repository keeps beside it: `data/` (the fictional demo sessions, as `werf/data/`) and `docs/`
(the archive's JSON Schema, as `werf/docs/`). `werf.shipped` finds those two in either place.
tests/test_wheel.py builds the wheel and checks it holds every file of the package.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["werf", "werf.*"]), "werf.data", "werf.docs"],
    package_dir={"werf.data": "data", "werf.docs": "docs"},
    package_data={
        "werf": ["*.tcss", "locale/*.po", "privacy_data/*.txt", "protocols/*.toml", "web/*.html"],
        "werf.screens": ["*.tcss"],
        "werf.widgets": ["*.tcss"],
        "werf.data": ["*.json"],
        "werf.docs": ["*.schema.json"],
    },
)
