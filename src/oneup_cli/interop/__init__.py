"""Data that travels: exports of the log and the schedule (issue 13); `oneup import` later."""
