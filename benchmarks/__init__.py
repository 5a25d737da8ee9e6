"""Benchmarks of the package, run from a source checkout (``python -m benchmarks.bench``, ``make bench``).

They measure the package for its developers, default to data beside the checkout and time
private parts of the pipeline, so they are not installed with it.
"""
