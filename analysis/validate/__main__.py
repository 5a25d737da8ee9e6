"""``python -m analysis.validate {hedging,attribution} PATH``."""

import argparse
import importlib
import sys

TASKS = {
    "hedging": "analysis.validate.hedging",
    "attribution": "analysis.validate.attribution",
}

parser = argparse.ArgumentParser(prog="python -m analysis.validate", description=__doc__)
parser.add_argument("task", choices=sorted(TASKS))
parser.add_argument("path", help="the gold data (a file or a folder, see the task's methods page)")
args, rest = parser.parse_known_args()
sys.exit(importlib.import_module(TASKS[args.task]).main([args.path, *rest]))
