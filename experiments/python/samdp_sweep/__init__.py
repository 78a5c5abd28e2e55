"""Runs the jobs of a samdp sweep on Ray: each job a `samdp train|attack|certify` process with its own directory.

`samdp sweep FILE.yaml` expands the sweep file into a plan (plan.json in the sweep directory) and starts
`python -m samdp_sweep SWEEPDIR`; this package only schedules, retries and records the plan's jobs.
"""
