"""JupyterLab as make lab starts it: it serves the project's kernel, opens every notebook in headless
Chromium without the news prompt, and runs each notebook top to bottom through the server's kernel."""

import json
import os
import re
import socket
import subprocess
import time
import urllib.request
import uuid

import nbformat
import pytest
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

from analysis.build.printing import chromium_command

from conftest import ROOT

LAB = ROOT / ".venv-lab" / "bin" / "jupyter"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TOKEN = uuid.uuid4().hex

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not LAB.exists(), reason="JupyterLab is not installed (make test installs it)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab started the way make lab starts it (as root too), on a free port."""
    port = free_port()
    home = tmp_path_factory.mktemp("lab-home")
    cmd = [
        str(LAB),
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--IdentityProvider.token={TOKEN}",
        f"--notebook-dir={ROOT / 'notebooks'}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *(["--allow-root"] if os.getuid() == 0 else []),
    ]
    env = {**os.environ, "HOME": str(home), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    log = (home / "lab.log").open("w")
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            get(base, "/api/status")
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited: {(home / 'lab.log').read_text()[-2000:]}")
            time.sleep(0.5)
    yield base
    server.terminate()
    server.wait(timeout=30)


def get(base: str, path: str) -> str:
    request = urllib.request.Request(f"{base}{path}", headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode("utf-8")


def post(base: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(
        f"{base}{path}",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_the_kernel_is_the_projects(lab):
    specs = json.loads(get(lab, "/api/kernelspecs"))
    argv = specs["kernelspecs"]["python3"]["spec"]["argv"]
    assert argv[0] == str(ROOT / ".venv" / "bin" / "python")


def test_no_news_prompt(lab):
    page = get(lab, "/lab")
    config = json.loads(
        re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)[1]
    )
    assert "@jupyterlab/apputils-extension:announcements" in config["disabledExtensions"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_opens_in_the_browser(lab, notebook, tmp_path):
    """Headless Chromium loads the notebook in JupyterLab; its cells are in the rendered page."""
    url = f"{lab}/lab/tree/{notebook.name}?token={TOKEN}"
    run = subprocess.run(
        chromium_command(tmp_path, "--virtual-time-budget=20000", "--dump-dom", url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = run.stdout
    assert "jp-NotebookPanel" in dom, run.stderr[-2000:]
    assert notebook.name in dom
    assert "official Jupyter news" not in dom


async def execute_all(base: str, kernel_id: str, cells: list[str]) -> list[dict]:
    """Run the cells one by one on the server's kernel; return each execute_reply's content."""
    ws = await websocket_connect(f"{base.replace('http', 'ws')}/api/kernels/{kernel_id}/channels?token={TOKEN}")
    replies, session = [], uuid.uuid4().hex
    try:
        for code in cells:
            msg_id = uuid.uuid4().hex
            header = {"msg_id": msg_id, "msg_type": "execute_request", "session": session, "username": "test",
                      "version": "5.3", "date": ""}  # fmt: skip
            await ws.write_message(
                json.dumps(
                    {
                        "header": header,
                        "parent_header": {},
                        "metadata": {},
                        "content": {"code": code, "silent": False, "store_history": False},
                        "channel": "shell",
                    }
                )
            )
            while True:
                msg = json.loads(await ws.read_message())
                if msg.get("parent_header", {}).get("msg_id") == msg_id and msg["msg_type"] == "execute_reply":
                    replies.append(msg["content"])
                    break
    finally:
        ws.close()
    return replies


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_servers_kernel(lab, notebook):
    session = post(lab, "/api/sessions", {"path": notebook.name, "type": "notebook", "kernel": {"name": "python3"}})
    cells = [c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    replies = IOLoop.current().run_sync(lambda: execute_all(lab, session["kernel"]["id"], cells), timeout=300)
    failed = [(r.get("ename"), r.get("evalue")) for r in replies if r["status"] != "ok"]
    assert len(replies) == len(cells) and failed == []
