"""``python -m analysis.validate hedging PATH [PATH ...]`` or ``python -m analysis.validate attribution DIR``."""

import argparse
import importlib
import sys

TASKS = {
    "hedging": "analysis.validate.hedging",
    "attribution": "analysis.validate.attribution",
}

parser = argparse.ArgumentParser(prog="python -m analysis.validate", description=__doc__)
parser.add_argument("task", choices=sorted(TASKS))
parser.add_argument(
    "paths", nargs="+", help="the gold data: hedging takes one or more files, attribution one folder (see docs/)"
)
args, rest = parser.parse_known_args()
sys.exit(importlib.import_module(TASKS[args.task]).main([*args.paths, *rest]))
