"""What jupyter_client starts as "the kernel" when the kernel comes from the warm process.

    python -I -S kernel_shim.py SOCKET -f CONNECTION_FILE

Standard library only, run without site packages, so it starts in milliseconds. It asks the warm
process (analysis.build.kernels) behind SOCKET for a kernel, handing over its folder, environment and
standard streams, then stands in for that kernel (or, when the kernel's start-up settings differ
from the warm process's, becomes a fresh kernel itself): the signals jupyter_client sends it are passed
on, and it ends when the kernel does. If the shim is killed, the kernel notices and ends too; if
the build dies, the shim ends the kernel.
"""

import json
import os
import select
import signal
import socket
import sys
import time


def main() -> int:
    path, argv = sys.argv[1], sys.argv[2:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.connect(path)
            request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "shim": os.getpid()}
            socket.send_fds(conn, [json.dumps(request).encode() + b"\n"], [0, 1, 2])
            answer = conn.makefile("rb").readline()
    except KeyboardInterrupt:  # the build is being interrupted: it tells the user, not this process
        return 130
    except OSError as err:  # the warm process has gone (the build ended or was interrupted)
        print(f"the warm kernel process did not answer: {err}", file=sys.stderr)
        return 1
    if answer.strip() == b"fresh":
        # The kernel's environment differs from the warm process's in what Python reads only at start
        # (PYTHONWARNINGS, PYTHONHASHSEED, ...): this process becomes a fresh kernel, the one
        # jupyter_client would have started.
        os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])
    if not answer.strip().isdigit():
        print(f"the warm kernel process did not start a kernel: {answer.decode(errors='replace')}", file=sys.stderr)
        return 1
    pid = int(answer)

    def pass_on(signum, frame):  # to the kernel's group, as jupyter_client signals a kernel's
        try:
            os.killpg(pid, signum)
        except ProcessLookupError:
            pass

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(sig, pass_on)
    if not kernel_outlived_by_build(pid):  # the build is gone without shutting the kernel down
        pass_on(signal.SIGKILL, None)
    return 0


def kernel_outlived_by_build(pid: int) -> bool:
    """Wait until the kernel or the build (this shim's parent) ends; True when the kernel did.

    Linux says at once (pidfds, readable once their process has ended); elsewhere, or with
    ANALYSIS_PORTABLE_PROCESSES=1, the shim looks every 0.2 s (as analysis.build.kernels does)."""
    parent = os.getppid()
    if sys.platform == "linux" and hasattr(os, "pidfd_open") and not os.environ.get("ANALYSIS_PORTABLE_PROCESSES"):
        try:
            ended, build = os.pidfd_open(pid), os.pidfd_open(parent)
        except ProcessLookupError:
            return True
        readable, _, _ = select.select([ended, build], [], [])
        return ended in readable
    while True:
        try:
            os.kill(pid, 0)  # the warm process reaps its kernels: an ended one is soon gone
        except ProcessLookupError:
            return True
        if os.getppid() != parent:
            return False
        time.sleep(0.2)


if __name__ == "__main__":
    sys.exit(main())
