"""Kernels forked from one warm process: the package is imported once per build, not per variant.

A fresh kernel spends about 1.5 CPU seconds before the notebook's first line does any work:
Python, ipykernel, pandas, matplotlib, the package, the data read and checked. The build has
done most of that already: the warm process is forked from it (sharing those pages until
either writes to them), imports ipykernel, and forks a kernel per notebook. A forked kernel
starts from the same state every time, so the notebooks' outputs are the bytes a fresh kernel
gives (tests compare).

jupyter_client starts kernel_shim.py in place of `python -m ipykernel_launcher`; the shim hands
its request to the warm process over a Unix socket and stands in for the kernel it gets.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import json
import os
import select
import signal
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

SHIM = Path(__file__).with_name("kernel_shim.py")
HANDLED = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # the signals the build handles


class KernelStartError(RuntimeError):
    pass


# -- the warm process ----------------------------------------------------------------------------


def serve(listener: socket.socket, control: int, mask: set) -> None:
    """In the forked warm process: fork a kernel for each request on `listener` until `control`
    (a pipe whose writing end only the build holds) ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the build, which then ends this process
    _default_signals(signal.SIGTERM, signal.SIGHUP)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    # Fresh writers on fds 1 and 2: a thread of the build may have held their locks at the fork.
    sys.stdout = sys.__stdout__ = open(1, "w", closefd=False)  # noqa: SIM115
    sys.stderr = sys.__stderr__ = open(2, "w", closefd=False)  # noqa: SIM115
    import ipykernel.kernelapp  # noqa: F401
    import IPython.core.interactiveshell  # noqa: F401

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


def _become_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: take the shim's streams, folder and environment, and run ipykernel."""
    os.setsid()  # like a kernel jupyter_client starts: a session of its own
    PR_SET_PDEATHSIG = 1  # killed if the warm process dies (it is single-threaded: no thread exit fires it)
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != request["warm"]:  # the warm process died before the call above
        os._exit(1)
    _default_signals(signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for target, fd in zip((0, 1, 2), fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
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


def _end_with(shim: int) -> None:
    """A kernel whose shim is gone (killed by jupyter_client or the build) has nobody to serve."""
    try:
        gone = os.pidfd_open(shim)
    except ProcessLookupError:
        os._exit(1)
    select.select([gone], [], [])
    os._exit(1)


# -- the build's side ----------------------------------------------------------------------------


class WarmKernels:
    """The warm process of one build: forked at once, before the build starts any thread (a fork
    copies only the thread that calls it), and ended by close()."""

    def __init__(self) -> None:
        # What ipykernel sets for a fresh kernel; matplotlib reads it when first imported.
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        import analysis.report.registry  # noqa: F401 - pandas, matplotlib, the package: shared with the kernels

        self._folder = tempfile.TemporaryDirectory(prefix="kernels-")
        self.socket = str(Path(self._folder.name) / "fork.sock")
        # Bound before the fork: a shim may connect before the warm process is ready to accept.
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.socket)
        listener.listen(64)
        control, self._control = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        gc.freeze()  # both sides then copy fewer of the pages they share (see serve)
        # No signal may run the build's handlers in the child before serve() has replaced them.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, HANDLED)
        self._pid = os.fork()
        if self._pid == 0:
            try:
                os.close(self._control)
                serve(listener, control, held)
            finally:
                os._exit(0)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(control)
        listener.close()
        self._status: int | None = None
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)

    def kill(self) -> None:
        """End the warm process now (an interrupted build); its kernels die with it."""
        with contextlib.suppress(ProcessLookupError):
            if not self._ended():
                os.kill(self._pid, signal.SIGKILL)

    def _ended(self) -> bool:
        if self._status is None:
            with contextlib.suppress(ChildProcessError):
                pid, status = os.waitpid(self._pid, os.WNOHANG)
                if pid:
                    self._status = status
        return self._status is not None

    def manager_class(self) -> type:
        """A kernel manager class for papermill whose kernels come from this process."""
        with self._lock:
            if self._ended():
                raise KernelStartError(
                    f"the warm kernel process has ended (exit {os.waitstatus_to_exitcode(self._status)}); "
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
        gc.unfreeze()
        deadline = time.monotonic() + 10
        while not self._ended() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not self._ended():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
        self._folder.cleanup()

    def __enter__(self) -> WarmKernels:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
