"""The numbers of the audience rules (shared/SCIENCE.md) that the engine applies too.

A module of values only, so the safety checks and the progression engine can both import it.
"""

# The most effort a vertebral-fracture profile gets before a clinician clears it (SCIENCE rule 2).
MODERATE_EFFORT = 6.0
# Above this percent of 1RM a load counts as high-intensity and needs supervision (LIFTMOR).
SUPERVISED_PERCENT = 80.0
