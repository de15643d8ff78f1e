import subprocess
import sys


def run(*args):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True)


def test_prints_default_chain_and_compensation():
    out = run()
    assert out.returncode == 0, out.stderr
    lines = [" ".join(line.split()) for line in out.stdout.splitlines()]
    assert "step order report 2018-01-29 2018-02-13 15 10 -" in lines
    assert "total leak jpy_withdrawal_resumed 2018-01-26 2018-02-13 18 11 -" in lines
    assert "total_paid 46311127000 JPY False" in lines
    assert "paid_to_reported_ratio 0.7985 ratio True" in lines


def test_other_chain_and_csv(tmp_path):
    out = run("--chain", "trading_halt,price_window_end", "--csv", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "34.85" in out.stdout
    assert (tmp_path / "durations.csv").read_text().splitlines()[1].endswith(",1,0,34.85")


def test_unknown_milestone():
    out = run("--chain", "leak,ransom")
    assert out.returncode == 2
    assert "unknown milestone(s): ransom; allowed: leak," in out.stderr
