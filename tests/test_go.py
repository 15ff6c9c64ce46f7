"""`oneup go`: a guided session, driven through a pipe (CliRunner), a subprocess and a real
pseudo-terminal; its logic (answers, the resume point, the countdown) on its own."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from oneup_cli import guided, log, paths
from oneup_cli.errors import UsageError
from oneup_cli.model import SetRecord, Support, Unit, Weight

from .conftest import ok

MON = "2026-01-05"  # session A of the prevention program, week 1
# The day's exercises, in the order `oneup today` shows them (Mon 5 Jan 2026).
MARCH, ARMS, HINGE, SQUAT, RDL, PRESS, ROW, SHOULDER, BACK = range(9)
SKIP_TO_BACK = "s\n" * BACK  # skips the eight exercises before the back extension


@pytest.fixture
def started(run):
    ok(run("start", "prevention", "--start", MON, "--load", "goblet-squat=10kg"))


def go(run, answers: str, *extra: str):
    return run("go", "--date", MON, *extra, input=answers)


def records():
    return log.read(paths.log_file("me")).records


def sets_of(exercise: str) -> list[SetRecord]:
    return [s for r in records() if r.exercise == exercise for s in r.sets]


# --- through a pipe -------------------------------------------------------------------------


def test_enter_saves_each_set_as_planned_one_record_per_set(run, started):
    result = ok(go(run, "\n" * 5))  # marching, arm circles, hip hinge, both squat sets
    saved = records()
    assert [r.exercise for r in saved] == [
        "marching-on-the-spot",
        "arm-circles",
        "hip-hinge-drill",
        "goblet-squat",
        "goblet-squat",
    ]
    assert all(len(r.sets) == 1 and r.source == "log" and not r.pain for r in saved)
    assert all(r.date == dt.date(2026, 1, 5) for r in saved)
    assert saved[0].sets[0].minutes == 3
    # A rep range is saved at its bottom, as `oneup done` does, and the prompt says so.
    squat = SetRecord(reps=8, load=Weight(10, Unit.kg))
    assert sets_of("goblet-squat") == [squat, squat]
    out = result.stdout
    assert "Press Enter to save 8 reps at 10 kg (the bottom of 8-12)." in out
    assert "Saved set 2 of 2: 8 reps at 10 kg." in out
    # The input ended: a stop, with everything kept.
    assert out.rstrip().endswith(
        "Stopped. Everything you entered is saved: run oneup go again to carry on at "
        "Dumbbell hip hinge (Romanian deadlift), set 1."
    )
    assert result.stderr == ""


def test_typed_reps_and_weight_are_saved_and_the_weight_carries_to_the_next_set(run, started):
    ok(go(run, "s\ns\ns\n12@12kg\n\n"))
    assert sets_of("goblet-squat") == [
        SetRecord(reps=12, load=Weight(12, Unit.kg)),
        SetRecord(reps=8, load=Weight(12, Unit.kg)),
    ]


def test_a_number_alone_keeps_the_planned_weight(run, started):
    ok(go(run, "s\ns\ns\n11\n"))
    assert sets_of("goblet-squat") == [SetRecord(reps=11, load=Weight(10, Unit.kg))]


def test_pain_is_saved_with_the_set_asked_for_after_p_or_typed_as_10p(run, started):
    result = ok(go(run, "s\np\n9\n10p\n"))
    arms, hinge = records()
    assert (arms.exercise, arms.pain, arms.sets[0].reps) == ("arm-circles", True, 9)
    assert (hinge.exercise, hinge.pain, hinge.sets[0].reps) == ("hip-hinge-drill", True, 10)
    assert "Pain noted. What did you do?" in result.stdout
    assert "Pain noted: the next session will not be heavier." in result.stdout


def test_p_then_enter_saves_the_planned_amount_with_pain(run, started):
    ok(go(run, "s\np\n\n"))
    (arms,) = records()
    assert arms.pain and arms.sets == [SetRecord(reps=10)]


def test_a_hold_is_shown_without_a_timer_and_saves_its_seconds(run, started):
    result = ok(go(run, SKIP_TO_BACK + "\n4\n"))
    assert sets_of("prone-back-extension") == [SetRecord(seconds=3), SetRecord(seconds=4)]
    out = result.stdout
    assert "Lying back extension (gentle superman): hold 3 seconds." in out
    assert "Press Enter to save 3 seconds (the bottom of 3-5)." in out
    assert "Press Enter to start" not in out  # no countdown from a pipe


def test_balance_sets_are_saved_with_their_support(run, started):
    # Session A's strength blocks, the back extensions and stretches skipped: the balance.
    ok(go(run, "s\n" * 11 + "\n"))
    assert sets_of("one-leg-stand") == [SetRecord(seconds=10, support=Support.two_hands)]


def test_s_skips_the_rest_of_the_exercise(run, started):
    result = ok(go(run, "s\ns\ns\n\ns\n"))
    assert len(sets_of("goblet-squat")) == 1
    assert "Skipped Goblet squat to a chair." in result.stdout
    assert result.stdout.count("Exercise 5 of 14") == 1


def test_q_stops_and_says_where_to_carry_on(run, started):
    result = ok(go(run, "\nq\nthis line is never read\n"))
    assert len(records()) == 1
    assert "carry on at Arm circles, set 1." in result.stdout


def test_bad_answers_get_one_line_each_and_the_question_again(run, started):
    result = ok(go(run, "s\nabc\n-5\n8@999kg\n2x10\n\n"))
    assert result.stderr.splitlines() == [
        "Not saved. Could not read 'abc': type a number, like 10, or just press Enter",
        "Not saved. Numbers cannot be negative: type what you did, like 10",
        "Not saved. 999 kg looks like a typo (at most 500 kg or 1100 lb): check the weight",
        "Not saved. One set at a time: type what you did in this set, like 10",
    ]
    assert sets_of("arm-circles") == [SetRecord(reps=10)]  # the Enter after them
    # Asked five times for the arm circles, then once for the hip hinge when the input ends.
    assert result.stdout.count("Press Enter to save 10 reps.") == 6


def test_a_weight_must_be_typed_when_the_plan_has_none(run, started):
    result = ok(go(run, "s\ns\ns\ns\n\n12\n12@6kg\n\n"))
    assert result.stderr.splitlines() == [
        "Not saved. Type the weight you used as well, like 12@5kg",
        "Not saved. Type the weight you used as well, like 12@5kg",
    ]
    assert sets_of("dumbbell-romanian-deadlift") == [
        SetRecord(reps=12, load=Weight(6, Unit.kg)),
        SetRecord(reps=8, load=Weight(6, Unit.kg)),  # Enter: the weight used today
    ]
    assert "Type the reps and the weight you used, like 12@5kg, then press Enter." in result.stdout


def test_input_ending_mid_session_then_a_resume_at_the_next_set(run, started):
    ok(go(run, "\n\n\n\n"))  # marching, arms, hinge, squat set 1; then the input ends
    again = ok(go(run, "\n"))
    lines = again.stdout.splitlines()
    assert lines[0] == (
        "Resuming at Goblet squat to a chair, set 2 of 2 (4 sets already saved today)."
    )
    assert "Set 2 of 2: 8-12 reps at 10 kg" in lines
    assert "Set 1 of 2: 8-12 reps at 10 kg" not in lines
    assert len(sets_of("goblet-squat")) == 2


def test_a_resume_counts_sets_logged_by_other_commands(run, started):
    ok(run("log", "goblet-squat", "1x10@10kg", "--date", MON))
    result = ok(go(run, "\n\n\n"))  # the warm-up; then the squat's second set
    assert "Set 1 of 2: 8-12" not in result.stdout
    assert "Set 2 of 2: 8-12 reps at 10 kg" in result.stdout


def test_a_skipped_exercise_is_offered_again_on_resume(run, started):
    ok(go(run, "s\n\n"))
    again = ok(go(run, ""))
    assert again.stdout.startswith(
        "Resuming at Marching on the spot, set 1 of 1 (1 set already saved today)."
    )


def test_a_session_already_recorded_says_so(run, started):
    ok(run("done", "--date", MON))
    result = ok(go(run, ""))
    assert result.stdout == "Everything planned for today is saved. Well done!\n"


def test_the_last_set_ends_the_session(run, started):
    today = dt.date(2026, 1, 5)
    steps = guided.open_session("me", today, today=today).session.steps
    # Every set as planned; a weight typed where the plan has none.
    answers = ["12@5kg" if guided.needs_weight(s) else "" for s in steps]
    result = ok(go(run, "\n".join(answers) + "\n"))
    assert result.stderr == ""
    assert result.stdout.endswith("That was the last one: everything is saved. Well done!\n")
    assert sum(len(r.sets) for r in records()) == len(steps) > 20
    again = ok(go(run, ""))
    assert again.stdout == "Everything planned for today is saved. Well done!\n"


def test_before_the_program_starts_nothing_is_asked(run, started):
    result = ok(run("go", "--date", "2026-01-01", input=""))
    assert result.stdout == "Your program starts on Monday 5 January 2026: nothing to do yet.\n"


def test_undo_takes_back_the_last_set(run, started):
    ok(go(run, "\n\n"))
    ok(run("undo"))
    assert [r.exercise for r in records()] == ["marching-on-the-spot"]


def test_a_bad_date_is_one_line_and_exit_2(run, started):
    result = run("go", "--date", "2026-13-01", input="")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: ")
    assert records() == []


def test_a_day_more_than_a_year_ahead_is_refused_before_the_first_set(run, started):
    result = run("go", "--date", "2031-01-06", input="\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: --date '2031-01-06' is more than a year ahead")
    assert records() == []


def test_a_new_profile_is_made_as_today_makes_it(run):
    result = ok(run("go", input="q\n"))
    assert result.stderr.startswith("Started you on the 'prevention' program from today")


# --- the logic on its own --------------------------------------------------------------------


@pytest.fixture
def session(run, started):
    return guided.open_session("me", dt.date(2026, 1, 5), today=dt.date(2026, 1, 5)).session


def first_set(session, index):
    return next(s for s in session.steps if s.index == index)


def test_answers_mean_what_the_prompt_says(session):
    squat = first_set(session, SQUAT)
    read = session.read
    assert read("", squat).set == SetRecord(reps=8, load=Weight(10, Unit.kg))
    assert read(" 12 ", squat).set == SetRecord(reps=12, load=Weight(10, Unit.kg))
    assert read("8@12kg", squat).set == SetRecord(reps=8, load=Weight(12, Unit.kg))
    assert read("8@bw", squat).set == SetRecord(reps=8)
    assert read("8@25lb", squat).set == SetRecord(reps=8, load=Weight(25, Unit.lb))
    assert read("10p", squat) == guided.Answer("done", read("10", squat).set, pain=True)
    assert read("10 pain", squat).pain
    assert read("8@12kg p", squat) == guided.Answer("done", read("8@12kg", squat).set, pain=True)
    assert read("P", squat) == guided.PAIN
    assert read("p", squat, pain=True).set == read("", squat).set
    assert read("s", squat) == guided.SKIP
    assert read("Q", squat) == guided.STOP


@pytest.mark.parametrize(
    "answer", ["abc", "-5", "0", "8@999kg", "3x8", "8,8", "8.5", "8@-2kg", "help", "pp", "8@kg"]
)
def test_bad_answers_are_usage_errors(session, answer):
    with pytest.raises(UsageError):
        session.read(answer, first_set(session, SQUAT))


def test_the_spec_of_a_set_is_what_oneup_log_reads():
    assert guided.spec_of(SetRecord(reps=8, load=Weight(12.5, Unit.kg))) == "1x8@12.5kg"
    assert guided.spec_of(SetRecord(seconds=20, support=Support.one_hand)) == "1x20s"
    assert guided.spec_of(SetRecord(minutes=3)) == "1x3min"


def test_rest_is_the_bottom_of_the_items_rest_or_the_default(session):
    assert first_set(session, SQUAT).rest == 60
    assert first_set(session, BACK).rest == guided.DEFAULT_REST


class FakeClock:
    def __init__(self, enter_at: float | None = None) -> None:
        self.now = 100.0
        self.enter_at = enter_at
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        if self.enter_at is not None and self.now - 100 + seconds >= self.enter_at:
            self.now = 100 + self.enter_at
            return True
        self.now += seconds
        return False


def test_the_countdown_shows_each_second_then_zero():
    clock, shown = FakeClock(), []
    assert guided.countdown(3, clock=clock, wait=clock.wait, show=shown.append)
    assert shown == [3, 2, 1, 0]
    assert clock.now == 103


def test_the_countdown_of_a_fraction_starts_at_the_next_whole_second():
    clock, shown = FakeClock(), []
    assert guided.countdown(2.5, clock=clock, wait=clock.wait, show=shown.append)
    assert shown == [3, 2, 1, 0]
    assert clock.waits[0] == pytest.approx(0.5)


def test_enter_ends_the_countdown_early():
    clock, shown = FakeClock(enter_at=1.5), []
    assert not guided.countdown(20, clock=clock, wait=clock.wait, show=shown.append)
    assert shown == [20, 19]


def test_a_slow_screen_does_not_stretch_the_countdown():
    clock, shown = FakeClock(), []

    def slow_show(left: int) -> None:
        shown.append((left, round(clock.now, 3)))
        clock.now += 0.7  # drawing takes most of a second

    assert guided.countdown(3, clock=clock, wait=clock.wait, show=slow_show)
    # Each number is shown on its second, however long the one before took to draw.
    assert shown == [(3, 100), (2, 101), (1, 102), (0, 103)]


# --- a real process, a real terminal ----------------------------------------------------------


def _env(home) -> dict[str, str]:
    return {**os.environ, "ONEUP_HOME": str(home), "TERM": "xterm", "COLUMNS": "100"}


@pytest.mark.slow
def test_a_subprocess_driven_through_a_pipe(run, started, oneup_home):
    answers = "\n\n\n12@11kg\n10p\n"
    done = subprocess.run(
        [sys.executable, "-m", "oneup_cli", "go", "--date", MON],
        input=answers,
        env=_env(oneup_home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    squat = [r for r in records() if r.exercise == "goblet-squat"]
    assert [(r.sets[0].reps, r.sets[0].load, r.pain) for r in squat] == [
        (12, Weight(11, Unit.kg), False),
        (10, Weight(11, Unit.kg), True),
    ]


@pytest.mark.slow
def test_a_terminal_session_with_a_hold_a_pain_report_and_ctrl_c_then_resume(
    run, started, oneup_home
):
    pexpect = pytest.importorskip("pexpect")

    def spawn():
        return pexpect.spawn(
            sys.executable,
            ["-m", "oneup_cli", "go", "--date", MON, "--quiet"],
            env=_env(oneup_home),
            dimensions=(40, 100),
            encoding="utf-8",
            timeout=15,
        )

    child = spawn()
    child.expect("Press Enter to start counting 3 minutes")
    child.sendline("s")  # no marching today
    child.expect("Press Enter to save 10 reps")
    child.sendline("p")
    child.expect("Pain noted. What did you do?")
    child.sendline("8")
    child.expect("Saved set 1 of 1: 8 reps. Pain noted")
    for name in ("HIP HINGE", "GOBLET SQUAT", "ROMANIAN", "CHEST PRESS", "ROW", "SHOULDER"):
        child.expect(name)
        child.expect("> ")
        child.sendline("s")
    child.expect("LYING BACK EXTENSION")
    child.expect("Press Enter to start counting 3 seconds")
    child.sendline("")
    child.expect("Time is up")
    child.expect("Press Enter to save 3 seconds")
    child.sendline("")
    child.expect("Saved set 1 of 6: 3 seconds")
    child.expect("Rest: ")
    child.sendintr()
    child.expect("Stopped \\(Ctrl-C\\). Everything you entered is saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    saved = records()
    assert [(r.exercise, r.pain, r.sets[0].amount) for r in saved] == [
        ("arm-circles", True, 8),
        ("prone-back-extension", False, 3),
    ]

    child = spawn()
    child.expect("Resuming at Marching on the spot, set 1 of 1 \\(2 sets already saved today\\)")
    child.expect("Press Enter to start")
    child.sendline("s")
    for name in ("HIP HINGE", "GOBLET SQUAT", "ROMANIAN", "CHEST PRESS", "ROW", "SHOULDER"):
        child.expect(name)
        child.expect("> ")
        child.sendline("s")
    child.expect("LYING BACK EXTENSION")
    child.expect("Set 2 of 6: 3-5 seconds")
    child.expect("Press Enter to start")
    child.sendline("q")
    child.expect("carry on at Lying back extension")
    child.expect("set 2")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(records()) == 2


@pytest.mark.slow
def test_a_terminal_hold_answered_at_once_needs_no_countdown(run, started, oneup_home):
    """Someone who kept their own time types the seconds at 'Get ready'; Ctrl-D stops."""
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "oneup_cli", "go", "--date", "2026-01-06"],  # a rest day: balance first
        env=_env(oneup_home),
        dimensions=(40, 100),
        encoding="utf-8",
        timeout=15,
    )
    child.expect("ONE-LEG STAND")
    child.expect("Get ready on the first side. Press Enter to start counting 10 seconds.")
    child.sendline("7")
    child.expect("Saved set 1 of 2: 7 seconds each side.")
    child.expect("Rest: ")
    child.sendline("")  # the rest ended early
    child.expect("Set 2 of 2: 10 seconds each side")
    child.expect("> ")
    child.sendeof()
    child.expect("Stopped. Everything you entered is saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert sets_of("one-leg-stand") == [SetRecord(seconds=7, support=Support.two_hands)]


def test_an_effort_typed_with_a_set_is_saved_and_lets_a_fracture_profile_step_up(run):
    """With a spine fracture, loads go up only after a logged effort: `go` takes one with
    each set ('12 e5', or 'e5' alone with Enter's set)."""
    ok(
        run(
            "start",
            "prevention",
            "--start",
            MON,
            "--vertebral-fracture",
            "--load",
            "goblet-squat=10kg",
        )
    )
    ok(go(run, "\n\n\n12 e5\n12@10kg effort 5\n"))
    squat = [r for r in records() if r.exercise == "goblet-squat"]
    assert [r.rpe for r in squat] == [5, 5]
    today = ok(run("today", "--date", "2026-01-08", "--json")).stdout
    assert '"load_text": "11 kg"' in today  # one step up from 10 kg (ACSM-PROG: 2-10%)
    bad = go(run, "\n\n\n12 e11\n")
    assert "effort" in bad.stderr and "11" in bad.stderr  # asked again, nothing saved for it
