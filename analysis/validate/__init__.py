"""Validation of the measures against gold data kept outside the repository.

``python -m analysis.validate hedging PATH`` scores the hedge detector on the Szeged
uncertainty corpus; ``python -m analysis.validate attribution DIR`` scores the attribution
extractor on PolNeAR (brat standoff).  Both take the path as an argument: the gold data's
licences do not allow copying it into the repository.
"""
