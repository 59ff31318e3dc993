"""The expert mechanism that amends the lists (issue 16): requests with graded evidence, a panel
with the required expertise and regional spread, questions, a vote, the urgency route, and the
change to data/ that an adopted request makes, built into a list release.

Django-free: the hub's service stores the same events in its database and replays them here.
"""
