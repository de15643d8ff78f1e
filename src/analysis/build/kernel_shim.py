"""What jupyter_client starts as "the kernel" when the kernel comes from the warm process.

    python -I -S kernel_shim.py SOCKET -f CONNECTION_FILE

Standard library only, run without site packages, so it starts in milliseconds. It asks the warm
process (analysis.build.kernels) behind SOCKET for a kernel, handing over its folder, environment and
standard streams, then stands in for that kernel: the signals jupyter_client sends it are passed
on, and it ends when the kernel does. If the shim is killed, the kernel notices and ends too; if
the build dies, the shim ends the kernel.
"""

import json
import os
import select
import signal
import socket
import sys


def main() -> int:
    path, argv = sys.argv[1], sys.argv[2:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(path)
        request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "shim": os.getpid()}
        socket.send_fds(conn, [json.dumps(request).encode() + b"\n"], [0, 1, 2])
        answer = conn.makefile("rb").readline()
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
    try:
        ended = os.pidfd_open(pid)
        parent = os.pidfd_open(os.getppid())
    except ProcessLookupError:
        return 0
    readable, _, _ = select.select([ended, parent], [], [])  # readable once that process has ended
    if ended not in readable:  # the build is gone without shutting the kernel down
        pass_on(signal.SIGKILL, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
