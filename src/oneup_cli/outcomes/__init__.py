"""Is it working? Functional tests, the start recommendation, progress and the trainer's report.

Pure where it can be: these modules read profiles and log records and return values; the
commands in `cli/` print them through `render/`.
"""
