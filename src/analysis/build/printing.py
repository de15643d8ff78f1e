"""Printing a report page to PDF with one headless Chromium kept open for every PDF of a build.

A browser start costs about a second of CPU; a build prints up to two PDFs per incident. The
browser is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: Chromium reads
commands on its fd 3 and writes answers on its fd 4, JSON messages ended by a NUL byte): each PDF
gets a tab of its own, so several threads can print at once.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import itertools
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
from datetime import date
from pathlib import Path

PRINT_TIMEOUT = 180  # seconds; the longest report prints in about 5
START_TIMEOUT = 60
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
# What Chromium's own --print-to-pdf --no-pdf-header-footer --generate-pdf-document-outline asks
# for: the page's CSS decides the paper (A4) and margins, backgrounds print, headings become bookmarks.
PRINT_OPTIONS = {
    "printBackground": True,
    "preferCSSPageSize": True,
    "displayHeaderFooter": False,
    "generateDocumentOutline": True,
    "generateTaggedPDF": True,
}


class PrintError(RuntimeError):
    pass


def chromium() -> str:
    explicit = os.environ.get("CHROMIUM")
    for candidate in ([explicit] if explicit else []) + list(CHROMIUM_CANDIDATES):
        if candidate and Path(candidate).exists():
            return candidate
    raise PrintError(
        "no Chromium found to print the PDF; install the Debian package 'chromium' "
        "(make sysdeps does it) or set CHROMIUM to the browser's path"
    )


def chromium_command(profile: Path | str, *args: str) -> list[str]:
    """Headless Chromium with a fresh profile and no calls home (this network refuses them)."""
    return [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]


class Browser:
    """One headless Chromium for many PDFs; started at the first print, ended by close().

    Thread-safe: each print() has its own tab, and answers are matched to questions by their id.
    If the browser dies, the prints waiting on it fail and the next print starts a new one; after
    close(), none does.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()  # guards the process, the pipe's writing end and the waiters
        self._proc: subprocess.Popen | None = None
        self._procs: list[subprocess.Popen] = []  # every browser started, for kill()
        self._closed = False
        # One print at a time: a long report's tab holds a quarter of a GiB while it prints, and
        # two at once take no less wall time (the notebooks are the longer stage).
        self._printing = threading.Lock()
        self._profiles: list[tempfile.TemporaryDirectory] = []
        self._ids = itertools.count(1)
        self._waiting: dict[int, _Answer] = {}
        self._events: list[tuple[str, str, _Answer]] = []  # (session, method, who waits for it)
        self._stderr: list[str] = []

    # -- the process --------------------------------------------------------------------------

    def _start(self) -> None:
        chromium()  # no browser: fail before anything is opened
        # A fresh profile per start: one a killed browser left may still be marked in use.
        profile = tempfile.TemporaryDirectory(prefix="chromium-", ignore_cleanup_errors=True)
        self._profiles.append(profile)
        # Fewer processes, less memory: the (software) GPU and network services in the browser's own.
        saving = ("--in-process-gpu", "--enable-features=NetworkServiceInProcess")
        command = chromium_command(profile.name, *saving, "--remote-debugging-pipe", "about:blank")
        to_browser_r, to_browser_w = _high(os.pipe())
        from_browser_r, from_browser_w = _high(os.pipe())
        # Chromium reads fd 3 and writes fd 4; bash (which, unlike dash, takes fds above 9) puts
        # the pipe's ends there and becomes the browser (no preexec_fn: builds print from threads).
        wire = f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w} {to_browser_r}<&- {from_browser_w}>&-'
        try:
            proc = subprocess.Popen(
                ["/bin/bash", "-c", wire, "bash", *command],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                pass_fds=(to_browser_r, from_browser_w),
                start_new_session=True,  # its own group: close() ends renderers and helpers too
            )
        except BaseException:
            for fd in (to_browser_w, from_browser_r):
                os.close(fd)
            raise
        finally:
            os.close(to_browser_r)
            os.close(from_browser_w)
        self._proc, self._out, self._stderr = proc, os.fdopen(to_browser_w, "wb", buffering=0), []
        self._procs.append(proc)
        threading.Thread(target=self._read, args=(os.fdopen(from_browser_r, "rb"), proc), daemon=True).start()
        threading.Thread(target=self._drain, args=(proc,), daemon=True).start()

    def _drain(self, proc: subprocess.Popen) -> None:
        for line in proc.stderr:
            self._stderr.append(line.decode("utf-8", "replace"))
            del self._stderr[:-50]

    def _read(self, pipe, proc: subprocess.Popen) -> None:
        """Hand each answer to who waits for it; when the pipe ends (or an answer cannot be read),
        fail everything still waiting on this browser."""
        buffer = bytearray()
        why = ""
        try:
            while chunk := pipe.read1(1 << 20):
                start = len(buffer)
                buffer += chunk
                while (end := buffer.find(b"\0", start)) >= 0:
                    self._dispatch(json.loads(buffer[:end]))
                    del buffer[: end + 1]
                    start = 0
        except Exception as err:  # noqa: BLE001 - told to every waiter below
            why = f"Chromium's answer could not be read: {type(err).__name__}: {err}"
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        finally:
            pipe.close()
            why = why or self._ended(proc)
            with self._lock:
                if self._proc is proc:
                    self._proc = None
                waiters = list(self._waiting.values()) + [w for _, _, w in self._events]
                self._waiting.clear()
                self._events.clear()
            for w in waiters:
                w.fail(why)

    def _ended(self, proc: subprocess.Popen) -> str:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "Chromium stopped answering"
        return f"Chromium ended (exit {proc.returncode}) before it answered:\n{''.join(self._stderr)[-2000:]}"

    def _dispatch(self, message: dict) -> None:
        with self._lock:
            if "id" in message:
                waiter = self._waiting.pop(message["id"], None)
            else:
                key = (message.get("sessionId", ""), message.get("method"))
                found = [e for e in self._events if e[:2] == key]
                waiter = found[0][2] if found else None
                if found:
                    self._events.remove(found[0])
        if waiter:
            waiter.give(message)

    def kill(self) -> None:
        """End every browser of this object now (an interrupted build), and start none again."""
        with self._lock:
            self._closed = True
            procs = list(self._procs)
        for proc in procs:
            if proc.poll() is None:  # a group whose leader was reaped may be someone else's now
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)

    def close(self) -> None:
        """Ask the browser to quit (it then waits for its own helpers, whose CPU time counts
        towards ours); whatever of its group is left a few seconds later is killed."""
        with self._lock:
            self._closed = True
            proc = self._proc
        if proc is not None:
            with contextlib.suppress(PrintError):
                self._send("Browser.close", start=False)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
        self.kill()
        if proc is not None:
            proc.wait()
        for profile in self._profiles:
            profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the protocol -------------------------------------------------------------------------

    def _send(
        self, method: str, params: dict | None = None, session: str = "", wait_for: str = "", start: bool = True
    ) -> _Answer:
        """Send a command; return what waits for its answer (and, with `wait_for`, for that event).
        With start=False a browser that is not running is not started (the command fails)."""
        answer, event = _Answer(method), _Answer(wait_for)
        with self._lock:
            if self._proc is None:
                if self._closed or not start:
                    raise PrintError(f"no browser is running to take {method}")
                self._start()
            proc = self._proc
            message = {"id": next(self._ids), "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            self._waiting[message["id"]] = answer
            if wait_for:
                self._events.append((session, wait_for, event))
            try:
                self._out.write(json.dumps(message).encode() + b"\0")
                gone = None
            except OSError as err:  # the browser has gone; its reader fails the waiters
                self._waiting.pop(message["id"], None)
                gone = err
        if gone is not None:
            raise PrintError(self._ended(proc)) from gone
        if wait_for:
            answer.event = event
        return answer

    def call(self, method: str, params: dict | None = None, session: str = "", timeout: float = PRINT_TIMEOUT) -> dict:
        return self._send(method, params, session).result(timeout)

    def print_pdf(self, html_file: Path, timeout: float = PRINT_TIMEOUT) -> bytes:
        """The page's PDF, printed in a tab of its own."""
        with self._printing:
            with self._lock:
                fresh = self._proc is None and not self._closed
                if fresh:
                    self._start()
            if fresh:
                self._close_own_pages()
            try:
                return self._print_pdf(html_file, timeout)
            except _Timeout:
                with self._lock:  # a browser that hangs would make every later print wait too
                    proc = self._proc
                if proc is not None:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)
                raise

    def _close_own_pages(self) -> None:
        """Close the blank tab a browser opens by itself: a renderer for nothing here. (Not the
        address bar's popups: closing those as the browser starts crashed it once in CI.)"""
        for target in self.call("Target.getTargets", timeout=START_TIMEOUT)["targetInfos"]:
            if target["type"] == "page":
                with contextlib.suppress(PrintError):
                    self.call("Target.closeTarget", {"targetId": target["targetId"]})

    def _print_pdf(self, html_file: Path, timeout: float) -> bytes:
        target = self.call("Target.createTarget", {"url": "about:blank"}, timeout=START_TIMEOUT)["targetId"]
        try:
            session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self.call("Page.enable", session=session)
            loading = self._send("Page.navigate", {"url": html_file.resolve().as_uri()}, session, "Page.loadEventFired")
            navigated = loading.result(timeout)
            if navigated.get("errorText"):
                raise PrintError(f"Chromium could not open {html_file}: {navigated['errorText']}")
            loading.event.result(timeout)
            # Fonts still loading would print in a fallback face.
            self.call("Runtime.evaluate", {"expression": "document.fonts.ready", "awaitPromise": True}, session)
            return base64.b64decode(self.call("Page.printToPDF", PRINT_OPTIONS, session, timeout)["data"])
        finally:
            with contextlib.suppress(PrintError):
                self._send("Target.closeTarget", {"targetId": target}, start=False)


def _high(fds: tuple[int, int]) -> tuple[int, int]:
    """The same pipe on fds above 4, so that moving its ends to 3 and 4 cannot close one of them."""
    moved = tuple(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in fds)
    for fd in fds:
        os.close(fd)
    return moved


class _Timeout(PrintError):
    pass


class _Answer:
    def __init__(self, what: str) -> None:
        self.what = what
        self._done = threading.Event()
        self._message: dict = {}
        self._failure = ""
        self.event: _Answer | None = None

    def give(self, message: dict) -> None:
        self._message = message
        self._done.set()

    def fail(self, why: str) -> None:
        self._failure = why
        self._done.set()

    def result(self, timeout: float) -> dict:
        if not self._done.wait(timeout):
            raise _Timeout(f"Chromium did not answer {self.what} within {timeout:.0f} s")
        if self._failure:
            raise PrintError(self._failure)
        if "error" in self._message:
            raise PrintError(f"Chromium refused {self.what}: {self._message['error'].get('message', '')}")
        return self._message.get("result", self._message.get("params", {}))


def to_pdf(html_file: Path, pdf_file: Path, created: date, browser: Browser | None = None) -> None:
    """Print the page to an A4 PDF with bookmarks from its headings, dated the day its data is as of.

    The PDF comes back in the browser's answer and is checked before it is written, so nothing an
    earlier run left at `pdf_file` can pass for it.
    """
    if browser is None:
        with Browser() as own:
            return to_pdf(html_file, pdf_file, created, own)
    pdf = browser.print_pdf(html_file)
    pages = pdf_pages_of(pdf)
    if pages < 1:
        raise PrintError(f"Chromium printed no readable PDF for {html_file} ({len(pdf)} bytes)")
    pdf_file.write_bytes(fix_pdf_links(fix_pdf_ids(fix_pdf_dates(pdf, created)), html_file.parent))


def pdf_pages_of(pdf: bytes) -> int:
    """The number of pages poppler reads in these bytes; 0 when they are not a PDF."""
    if not pdf.startswith(b"%PDF-"):
        return 0
    run = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True)
    found = re.search(rb"^Pages:\s+(\d+)$", run.stdout, re.M)
    return int(found.group(1)) if run.returncode == 0 and found else 0


def pdf_pages(pdf_file: Path) -> int:
    """The number of pages poppler reads in the file; 0 when there is no file or it is not a PDF."""
    return pdf_pages_of(pdf_file.read_bytes()) if pdf_file.is_file() else 0


def fix_pdf_dates(pdf: bytes, created: date) -> bytes:
    """Same-length replacement of the print time by the data's date, so the same data gives the same
    bytes and the PDF's byte offsets stay valid."""
    stamp = created.strftime("%Y%m%d000000").encode()
    return re.sub(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}", lambda m: m.group(1) + stamp, pdf)


def fix_pdf_links(pdf: bytes, folder: Path) -> bytes:
    """Chromium writes a page's relative links (to the reviewer's annex, to another report) as
    absolute file:// addresses in the folder it printed from, which is removed once the files are
    published; give them back relative, as the HTML has them, so they work beside the published
    PDF. The string gets shorter and the spaces after it make up the length, so the byte offsets
    stay valid."""
    prefix = re.escape(b"(" + folder.resolve().as_uri().encode() + b"/")

    def relative(m: re.Match) -> bytes:
        link = b"(" + m.group(1) + b")"
        return link + b" " * (len(m.group(0)) - len(link))

    return re.sub(prefix + rb"([^()\\]*)\)", relative, pdf)


def fix_pdf_ids(pdf: bytes) -> bytes:
    """The tagged PDF names its structure elements after Chromium's DOM node numbers, which shift from
    one run to the next; number them by rank instead (same order, so the ID tree stays sorted, and
    same length, so the byte offsets stay valid)."""
    found = sorted({int(n) for n in re.findall(rb"\(node(\d+)\)", pdf)})
    rank = {n: i for i, n in enumerate(found)}
    return re.sub(rb"\(node(\d+)\)", lambda m: b"(node%0*d)" % (len(m.group(1)), rank[int(m.group(1))]), pdf)
