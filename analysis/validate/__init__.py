"""Validation of the measures against gold data kept outside the repository.

``python -m analysis.validate hedging PATH [PATH ...]`` scores the hedge detector on files of
the Szeged uncertainty corpus (Wikipedia, FactBank news), with figures per file;
``python -m analysis.validate attribution DIR`` scores the attribution extractor on PolNeAR
(brat standoff).  Both take the paths as arguments: the gold data's licences do not allow
copying it into the repository.
"""
