"""Build ``analysis/data/first_names.csv``, the first names that are strongly one gender.

Usage::

    python scripts/build_first_names.py dist.male.first dist.female.first > analysis/data/first_names.csv

The two inputs are the U.S. Census Bureau's 1990 first-name files ("Frequently Occurring Names in
the U.S.--1990", 1995; public domain).  Each line holds a name in upper case, its frequency in percent
of men (or of women), the cumulative percent and the rank.  Copies ship in the MIT-licensed PyPI
package ``names`` 0.3.0 (get them with ``pip download --no-deps names==0.3.0`` and unpack
``names/dist.male.first`` and ``names/dist.female.first`` from the sdist).  The header of the output,
written by this script too, records the SHA-256 of the inputs, the selection rule and the list's limits.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

MIN_PERCENT = 0.01  # at least 1 in 10,000 men or women
MIN_SHARE = 0.95  # of the people with the name, at least 95% of one sex

HEADER = """\
# First names that are strongly one gender, for pronoun resolution: "she" need not look back to "John",
#   nor "he" to "Irene".  gender: f or m, the sex of at least 95% of the people with the name in the source.
# Source: U.S. Census Bureau, Population Division (1995), Frequently Occurring Names in the U.S.--1990, files
#   dist.male.first and dist.female.first: the percent of men and of women with each first name, from the
#   7.2 million census records of the 1990 Post-Enumeration Survey search area.  A work of the U.S. government,
#   public domain (17 U.S.C. 105).  Copies taken from the PyPI package names 0.3.0 (Trey Hunner; MIT licence;
#   its README states that these data files are public domain), SHA-256:
#   dist.male.first {male}
#   dist.female.first {female}
# Rule (scripts/build_first_names.py writes this file, header included): with p_m and p_f the percent of men
#   and of women with the name (0 where a list lacks it; the two lists weighted equally), a name is
#   m when p_m >= {min_percent:.3f} and p_m / (p_m + p_f) >= {min_share:.2f},
#   f when p_f >= {min_percent:.3f} and p_f / (p_m + p_f) >= {min_share:.2f}.
#   The source's upper-case spelling is written with an initial capital only (JOSE -> Jose, DEANDRE -> Deandre).
#   Result: {n_m} m and {n_f} f names.
# Limits: one country in 1990, people of all ages then alive.  The list has the Anglo-American and Hispanic
#   names of the U.S. and labels them by U.S. usage, so a name used otherwise elsewhere can be wrong for a news
#   story (Andrea, Michele and Simone are men's names in Italy, f here), and many names from elsewhere
#   (Vladimir, Olena) are missing.  No accents or punctuation (the source writes JOSE).  Each source list stops
#   where it covers 90% of its sex (men at 0.004%, women at 0.001%), so a name that is rare but present for the
#   other sex may count as 0 there and look more one-sided than it is.  Names common for both sexes (Chris,
#   Jordan, Kim, Leslie, Terry) are left out, and a name not in this list is unknown: nothing should be inferred
#   from its absence.  The list says how a name was mostly used, not anything about a person's gender or gender
#   identity; what a text says (pronouns, titles such as Ms or Mr) takes precedence.
name,gender
"""


def read_percents(path: Path) -> dict[str, float]:
    """Name -> percent of that sex, from a Census ``dist.*.first`` file."""
    rows = (line.split() for line in path.read_text(encoding="ascii").splitlines() if line.strip())
    return {fields[0]: float(fields[1]) for fields in rows}


def select(male: dict[str, float], female: dict[str, float]) -> dict[str, str]:
    """Name (capitalised) -> ``m`` or ``f`` for the names that pass the rule in the header."""
    chosen = {}
    for name in male.keys() | female.keys():
        p_m, p_f = male.get(name, 0.0), female.get(name, 0.0)
        for gender, p in (("m", p_m), ("f", p_f)):
            if p >= MIN_PERCENT and p / (p_m + p_f) >= MIN_SHARE:
                chosen[name.capitalize()] = gender
    return chosen


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    male_path, female_path = map(Path, argv)
    chosen = select(read_percents(male_path), read_percents(female_path))
    genders = list(chosen.values())
    sys.stdout.write(
        HEADER.format(
            male=hashlib.sha256(male_path.read_bytes()).hexdigest(),
            female=hashlib.sha256(female_path.read_bytes()).hexdigest(),
            min_percent=MIN_PERCENT,
            min_share=MIN_SHARE,
            n_m=genders.count("m"),
            n_f=genders.count("f"),
        )
    )
    sys.stdout.writelines(f"{name},{chosen[name]}\n" for name in sorted(chosen))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
