"""Kernels forked from one warm process: the package is imported once per build, not per variant.

A fresh kernel spends about 1.5 CPU seconds before the notebook's first line does any work:
Python, ipykernel, pandas, matplotlib, the package, the data read and checked. The warm process
(`python -m analysis.build.kernels`, started by the build from the interpreter, under the build's
environment, not forked from the build with its threads and settings) does that once, then forks a
kernel per notebook. A forked kernel starts from the same state every time, so the notebooks'
outputs are the bytes a fresh kernel gives, and it sees what a fresh kernel sees: its own
environment and TZ; a kernel whose environment differs in what Python reads only at start
(PYTHONWARNINGS, ...) is started fresh (tests compare both).

jupyter_client starts kernel_shim.py in place of `python -m ipykernel_launcher`; the shim hands
its request to the warm process over a Unix socket and stands in for the kernel it gets.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

SHIM = Path(__file__).with_name("kernel_shim.py")
# Linux tells a process at once that another has ended (a pidfd) and kills a child with its parent
# (prctl PR_SET_PDEATHSIG). Elsewhere, or with ANALYSIS_PORTABLE_PROCESSES=1 (which a test sets),
# the same is done by looking every POLL seconds; kernel_shim.py decides the same way.
LINUX_CALLS = (
    sys.platform == "linux" and hasattr(os, "pidfd_open") and not os.environ.get("ANALYSIS_PORTABLE_PROCESSES")
)
POLL = 0.2


class KernelStartError(RuntimeError):
    pass


# -- the warm process ----------------------------------------------------------------------------


def serve(listener: socket.socket, control: int) -> None:
    """The warm process (`python -m analysis.build.kernels`, started by the build): import what a
    kernel imports, then fork a kernel for each request on `listener` until `control` (a pipe whose
    writing end only the build holds) ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the build, which then ends this process
    import ipykernel.kernelapp  # noqa: F401
    import IPython.core.interactiveshell  # noqa: F401

    import analysis.report.registry  # noqa: F401 - pandas, matplotlib, the package: what the notebooks import
    from analysis.data import loading

    loading.REUSE = True
    try:
        loading.load_dataset()  # the project's data, read and checked once for every kernel
    except Exception:  # noqa: BLE001 - a kernel that needs it reads it again and reports what is wrong
        pass
    # The kernels share this process's memory until they write to it; the collector would write to
    # every object it visits, so what exists now is kept out of its sight.
    gc.freeze()
    while True:
        readable, _, _ = select.select([listener, control], [], [], 1.0)
        reap()
        if control in readable and not os.read(control, 1024):
            break  # the build has ended (or died): its kernels go with it
        if listener in readable:
            conn, _ = listener.accept()
            conn.settimeout(5)  # a shim that stalls must not hold up the others
            with conn:
                try:
                    _fork_kernel(conn, listener, control)
                except OSError:  # a shim gone before its answer: jupyter_client tells the build
                    pass
    reap(patience=2.0, kill_late=True)


def _default_signals(*signals: int) -> None:
    """The build's own handlers do not belong here; an ignored signal (a hangup under nohup)
    stays ignored, as it would in a process the build started."""
    for sig in signals:
        if signal.getsignal(sig) is not signal.SIG_IGN:
            signal.signal(sig, signal.SIG_DFL)


def reap(patience: float = 0.0, kill_late: bool = False) -> None:
    """Wait for the children that have ended, for up to `patience` seconds for those still running
    (then kill them, with `kill_late`): a child waited for adds its CPU time to this process's
    children, which make bench counts."""
    deadline = time.monotonic() + patience
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() >= deadline:
                if not kill_late:
                    return
                for child in psutil.Process().children():
                    child.kill()
            time.sleep(0.02)


def _fork_kernel(conn: socket.socket, listener: socket.socket, control: int) -> None:
    data, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
    try:
        while not data.endswith(b"\n"):
            more = conn.recv(1 << 20)
            if not more:
                break
            data += more
        try:
            request = {**json.loads(data), "warm": os.getpid()}
            if startup_differences(request["env"]):
                conn.sendall(b"fresh\n")  # the shim becomes a fresh kernel itself
                return
            pid = os.fork()
        except (ValueError, OSError) as err:
            conn.sendall(f"{type(err).__name__}: {err}\n".encode())
            return
        if pid == 0:
            try:
                conn.close()
                listener.close()
                os.close(control)
                _become_kernel(request, fds)
            finally:
                os._exit(1)
    finally:
        for fd in fds:  # the child has its copies
            os.close(fd)
    conn.sendall(f"{pid}\n".encode())


# What Python reads only as it starts (every PYTHON* variable: warnings, hash seed, path, I/O
# encoding, ...; the locale's variables): a kernel whose environment differs from the warm
# process's in any of them is started fresh, as a kernel jupyter_client starts would be. TZ is
# read again by time.tzset() in the forked kernel.
_STARTUP_PREFIXES = ("PYTHON", "LC_")
_STARTUP_NAMES = ("LANG", "LANGUAGE")
_WARM_ENV = dict(os.environ)  # as this module found it: the build's environment, which the warm process keeps


def startup_differences(env: dict[str, str]) -> list[str]:
    """The start-up settings in which `env` differs from the warm process's."""
    names = {k for k in {*env, *_WARM_ENV} if k.startswith(_STARTUP_PREFIXES) or k in _STARTUP_NAMES}
    return sorted(k for k in names if env.get(k) != _WARM_ENV.get(k))


def _become_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: take the shim's streams, folder and environment, and run ipykernel."""
    os.setsid()  # like a kernel jupyter_client starts: a session of its own
    _end_with_parent(request["warm"])
    _default_signals(signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for target, fd in zip((0, 1, 2), fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()  # the kernel's TZ, not the warm process's
    threading.Thread(target=_end_with, args=(request["shim"],), daemon=True).start()
    from ipykernel.kernelapp import IPKernelApp

    argv = list(request["argv"])
    # ipykernel read JPY_PARENT_PID when the warm process imported it (unset then); told now, it
    # knows a client started it and does not print its "to connect another client" banner.
    if os.environ.get("JPY_PARENT_PID"):
        argv.append(f"--IPKernelApp.parent_handle={os.environ['JPY_PARENT_PID']}")
    sys.argv = ["ipykernel_launcher", *argv]
    IPKernelApp.launch_instance(argv=argv)
    os._exit(0)


def _end_with_parent(warm: int) -> None:
    """The kernel ends when the warm process does (which is single-threaded: no thread's exit fires
    the Linux signal early)."""
    if LINUX_CALLS:
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_poll_parent, args=(warm,), daemon=True).start()
    if os.getppid() != warm:  # the warm process died before the watch began
        os._exit(1)


def _poll_parent(warm: int) -> None:
    while os.getppid() == warm:
        time.sleep(POLL)
    os._exit(1)


def _end_with(shim: int) -> None:
    """A kernel whose shim is gone (killed by jupyter_client or the build) has nobody to serve."""
    wait_for_end(shim)
    os._exit(1)


def wait_for_end(pid: int) -> None:
    """Return once process `pid` has ended (and, if it is not this process's child, been reaped)."""
    if LINUX_CALLS:
        try:
            gone = os.pidfd_open(pid)
        except ProcessLookupError:
            return
        select.select([gone], [], [])
        return
    while True:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        time.sleep(POLL)


# -- the build's side ----------------------------------------------------------------------------


class WarmKernels:
    """The warm process of one build, ended by close(). A process of its own, started from the
    interpreter (not a fork of the build, whose threads and settings are the build's): it starts
    as a kernel would, under the build's environment, so a kernel forked from it is the one a fresh
    start gives (tests/test_pipeline.py compares their notebooks and what they see)."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="kernels-")
        self.socket = str(Path(self._folder.name) / "fork.sock")
        # Bound here, before the warm process starts: a shim may connect before it is ready to accept.
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.socket)
        listener.listen(64)
        control, self._control = os.pipe()
        # What ipykernel sets for a fresh kernel; matplotlib reads it when first imported.
        env = {"MPLBACKEND": "module://matplotlib_inline.backend_inline", **os.environ}
        # A session of its own: Ctrl-C and a terminal's hangup are for the build, which then ends this
        # process (kill, or the control pipe closing when the build dies); none reaches it mid-import.
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "analysis.build.kernels", str(listener.fileno()), str(control)],
                pass_fds=(listener.fileno(), control),
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
        finally:
            os.close(control)
            listener.close()
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)

    def kill(self) -> None:
        """End the warm process now (an interrupted build); its kernels die with it."""
        if not self._ended():
            self._proc.kill()

    def _ended(self) -> bool:
        return self._proc.poll() is not None

    def manager_class(self) -> type:
        """A kernel manager class for papermill whose kernels come from this process."""
        with self._lock:
            if self._ended():
                raise KernelStartError(
                    f"the warm kernel process has ended (exit {self._proc.returncode}); "
                    "its error, if any, is printed above"
                )
        from jupyter_client.manager import AsyncKernelManager

        socket_path, folder, numbers = self.socket, self._folder.name, self._numbers

        class ForkedKernelManager(AsyncKernelManager):
            def __init__(self, **kwargs):
                # Local sockets in this build's own folder, one name per kernel: no TCP port to
                # find, nothing another build can collide with.
                super().__init__(**kwargs)
                self.transport = "ipc"
                self.ip = f"{folder}/kernel-{next(numbers)}"

            def format_kernel_cmd(self, extra_arguments=None):
                cmd = super().format_kernel_cmd(extra_arguments)
                return [sys.executable, "-I", "-S", str(SHIM), socket_path, *cmd[cmd.index("-f") :]]

        return ForkedKernelManager

    def close(self) -> None:
        """End the warm process (its kernels with it) and wait for it: its CPU time then counts
        towards this process's children."""
        os.close(self._control)
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._folder.cleanup()

    def __enter__(self) -> WarmKernels:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def main(argv: list[str]) -> int:
    """The warm process: `python -m analysis.build.kernels LISTENER_FD CONTROL_FD`."""
    listener_fd, control = (int(a) for a in argv)
    try:
        serve(socket.socket(fileno=listener_fd), control)
    finally:
        os._exit(0)  # as the fork did: no atexit work of the libraries imported for the kernels


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
