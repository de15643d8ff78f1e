"""Kernels forked from one warm process: the package is imported once per build, not per variant.

    python -m analysis.kernels SOCKET      # started by analysis.build; ends when its stdin closes

A fresh kernel spends about 1.5 CPU seconds before the notebook's first line does any work:
Python, ipykernel, pandas, matplotlib, the package, the data read and checked. The warm process
does all of that once, then forks a kernel per notebook. A forked kernel starts from the same
state every time, so the notebooks' outputs are the bytes a fresh kernel gives (tests compare).

jupyter_client starts kernel_shim.py in place of `python -m ipykernel_launcher`; the shim hands
its request to this process over SOCKET and stands in for the kernel it gets.
"""

from __future__ import annotations

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
START_TIMEOUT = 120  # seconds for the warm process to import everything


class KernelStartError(RuntimeError):
    pass


# -- the warm process ----------------------------------------------------------------------------


def serve(path: str) -> None:
    # What ipykernel would set before the notebook imports matplotlib; set before we import it.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the build; it ends this process
    import ipykernel.kernelapp  # noqa: F401
    import IPython.core.interactiveshell  # noqa: F401

    import analysis.registry  # noqa: F401 - pandas, matplotlib, the charts, the sections
    from analysis import loading

    loading.REUSE = True
    try:
        loading.load_dataset()  # the project's data, read and checked once for every kernel
    except Exception:  # noqa: BLE001 - a kernel that needs it reads it again and reports what is wrong
        pass
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(path)
        listener.listen()
        print("ready", flush=True)
        while True:
            readable, _, _ = select.select([listener, sys.stdin], [], [], 1.0)
            reap()
            if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1024):
                break  # the build has ended
            if listener in readable:
                conn, _ = listener.accept()
                with conn:
                    _fork_kernel(conn, listener)
    reap(patience=10.0)


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


def _fork_kernel(conn: socket.socket, listener: socket.socket) -> None:
    data, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
    while not data.endswith(b"\n"):
        more = conn.recv(1 << 20)
        if not more:
            break
        data += more
    try:
        request = json.loads(data)
        pid = os.fork()
    except (ValueError, OSError) as err:
        conn.sendall(f"{type(err).__name__}: {err}\n".encode())
        return
    if pid == 0:
        try:
            conn.close()
            listener.close()
            _become_kernel(request, fds)
        finally:
            os._exit(1)
    for fd in fds:
        os.close(fd)
    conn.sendall(f"{pid}\n".encode())


def _become_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: take the shim's streams, folder and environment, and run ipykernel."""
    os.setsid()  # like a kernel jupyter_client starts: a session of its own
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
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
    if os.environ.get("JPY_PARENT_PID"):  # ipykernel read it when this process imported it, before the fork
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
    """The warm process of one build: started at once (it imports while the build checks the
    first variant), waited for at the first kernel, ended by close()."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="kernels-")
        self.socket = str(Path(self._folder.name) / "fork.sock")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "analysis.kernels", self.socket],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._ready = False
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)

    def manager_class(self) -> type:
        """A kernel manager class for papermill whose kernels come from this process."""
        with self._lock:
            if not self._ready:
                ready, _, _ = select.select([self._proc.stdout], [], [], START_TIMEOUT)
                line = self._proc.stdout.readline() if ready else b""
                if line.strip() != b"ready":
                    raise KernelStartError(
                        f"the warm kernel process did not start (exit {self._proc.poll()}); "
                        f"run `python -m analysis.kernels {self.socket}` to see why"
                    )
                self._ready = True
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
        if self._proc.poll() is None:
            self._proc.stdin.close()
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


if __name__ == "__main__":
    serve(sys.argv[1])
