"""20 concurrent logged-in users on the overview of the served demo municipality: p50/p95
latency, requests per second and errors, for ``socialstyring serve`` as one waitress
process (the default) and as ``--workers 2`` (gunicorn), in the same run, on a fresh
database; with ``BENCH_BEFORE_SRC``, the earlier code on ``--workers 2`` too. With GRANTS,
the demo's municipality then imports a generated export of that many grants (CPR-keyed
citizens, with their ledger), so the pages are measured over a large municipality.
Usage: python bench/load.py sqlite|postgres [CLIENTS] [SECONDS] [GRANTS]"""

from __future__ import annotations

import http.cookiejar
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

from common import AS_OF, CLI, YEAR, before_env, dataset, emit, run_cli
from database import fresh_database

URL = f"/oversigt/?year={YEAR}&as_of={AS_OF.isoformat()}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _logged_in(base: str, username: str = "oekonomi") -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"username": username, "password": "demo", "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(base + "/login/", form, headers={"Referer": base + "/login/"})
    opener.open(request).read()
    if not any(c.name == "sessionid" for c in jar):
        raise SystemExit("login failed")
    return opener


def _run_load(base: str, clients: int, seconds: float) -> dict:
    openers = [_logged_in(base) for _ in range(clients)]
    first: list[float] = []

    def warm_up(opener) -> None:
        start = time.perf_counter()
        opener.open(base + URL, timeout=300).read()
        first.append(time.perf_counter() - start)

    warm = [threading.Thread(target=warm_up, args=(o,)) for o in openers]
    for t in warm:  # one request each, so every process has filled its frame cache
        t.start()
    for t in warm:
        t.join()
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(opener) -> None:
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                with opener.open(base + URL, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except Exception:
                ok = False
            with lock:
                if ok:
                    times.append(time.perf_counter() - start)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=client, args=(o,)) for o in openers]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    times.sort()
    return {
        "requests": len(times),
        "errors": errors[0],
        "requests_per_s": round(len(times) / elapsed, 1),
        "p50_ms": round(statistics.median(times) * 1000) if times else None,
        "p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000) if times else None,
        "max_ms": round(times[-1] * 1000) if times else None,
        # the untimed first requests, all at once: each process reads and caches the data
        "first_requests_max_ms": round(max(first) * 1000),
    }


def _serve(env: dict, workers: int, clients: int, seconds: float) -> dict:
    port = _free_port()
    command = [*CLI, "serve", "--port", str(port), "--workers", str(workers), "--no-worker"]
    server = subprocess.Popen(command, env={**__import__("os").environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/login/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        return _run_load(base, clients, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(kind: str, clients: int, seconds: float, grants: int | None) -> None:
    env, drop = fresh_database(kind)
    try:
        run_cli("demo", "--as-of", AS_OF.isoformat(), env=env)
        if grants:
            files = dataset(grants, cpr=True)
            run_cli("import", *(str(p) for p in files.values()), env=env)
        one = _serve(env, 1, clients, seconds)
        two = _serve(env, 2, clients, seconds)
        before = before_env()  # the earlier code on --workers 2, on the same database
        earlier = _serve({**env, **before}, 2, clients, seconds) if before else None
    finally:
        drop()
    emit(
        f"load_{kind}" + (f"_{grants}" if grants else ""),
        {
            "clients": clients,
            "grants": grants or "demo",
            "seconds": seconds,
            "page": URL,
            "serve_waitress_one_process": one,
            "serve_gunicorn_two_workers": two,
            **({"serve_gunicorn_two_workers_before": earlier} if earlier else {}),
            "target": {"p95_ms": 500 if grants else 300, "errors": 0},
        },
    )


if __name__ == "__main__":
    main(
        sys.argv[1],
        int(sys.argv[2]) if len(sys.argv) > 2 else 20,
        float(sys.argv[3]) if len(sys.argv) > 3 else 30.0,
        int(sys.argv[4]) if len(sys.argv) > 4 else None,
    )
