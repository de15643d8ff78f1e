"""python -m analysis on the invented fixture data (tests/fixtures/data; the numbers are worked out in
tests/test_durations.py and tests/test_compensation.py)."""

import subprocess
import sys

from conftest import FIXTURE_DATA


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "analysis", "--data", str(FIXTURE_DATA), "--incident", "example-2020", *args],
        capture_output=True,
        text=True,
    )


def test_prints_default_chain_and_compensation():
    out = run()
    assert out.returncode == 0, out.stderr
    lines = [" ".join(line.split()) for line in out.stdout.splitlines()]
    # order Wed 12 Feb -> report Tue 25 Feb 2020: 13 days, 8 business days (24 Feb a holiday).
    assert "step order report 2020-02-12 2020-02-25 13 8 -" in lines
    # theft 7 Feb -> yen withdrawals 28 Feb: 21 days, 2 + 8 + 3 = 13 business days.
    assert "total leak jpy_withdrawal_resumed 2020-02-07 2020-02-28 21 13 -" in lines
    # 4,000,000 ETH x 25.5 JPY; 102,000,000 / about 130,000,000 (approximate).
    assert "total_paid 102000000 JPY False" in lines
    assert "paid_to_reported_ratio 0.7846 ratio True" in lines


def test_other_chain_and_csv(tmp_path):
    # Trading halted 7 Feb 12:00 -> price window closed Sat 8 Feb 18:30: 1 day, 0 business days, 30.5 h.
    out = run("--chain", "trading_halt,price_window_end", "--csv", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "30.5" in out.stdout
    assert (tmp_path / "durations.csv").read_text().splitlines()[1].endswith(",1,0,30.5")


def test_unknown_milestone():
    out = run("--chain", "leak,ransom")
    assert out.returncode == 2
    assert "unknown milestone(s): ransom; allowed: leak," in out.stderr
