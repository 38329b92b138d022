"""`make bench`: the site under gunicorn (production settings) against the ceiling of this stack.

Starts the site with gunicorn.conf.py on 127.0.0.1 with a throw-away database and a local SMTP
sink, loads it with 16 concurrent visitors per scenario, then the minimal Flask app under the
same settings, and writes a report to bench/results/. Settings: BENCH_SECONDS (default 10),
BENCH_CLIENTS (16).
"""
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import load  # noqa: E402
import scenarios  # noqa: E402
from servers import Gunicorn, SMTPSink, production_env  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
WARMUP = 2.0
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))  # the defaults of gunicorn.conf.py
THREADS = int(os.environ.get("BENCH_THREADS", "4"))


def memory_of(pids):
    """Resident and proportional memory (MB) of each process: PSS counts shared pages once."""
    result = []
    for pid in pids:
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0])
        result.append({"pid": pid, "rss_mb": round(fields["Rss"] / 1024, 1), "pss_mb": round(fields["Pss"] / 1024, 1)})
    return result


def site_scenarios():
    """(name, scenario, ceiling to compare with) for the site."""
    named = [
        ("first screener page (GET /screener)", scenarios.first_page, "get"),
        ("screener step (POST answer -> next question)", scenarios.ScreenerSteps(), "post"),
        ("whole screening (15 requests)", scenarios.whole_screening, "get"),
        ("contact request (POST -> 303 -> thank-you page)", scenarios.ContactRequests(), "post"),
    ]
    only = os.environ.get("BENCH_ONLY")  # e.g. BENCH_ONLY=contact to measure one scenario
    return [entry for entry in named if not only or only in entry[0]]


def measure_site(results, sink):
    instance = Path(tempfile.mkdtemp(prefix="bench-site-"))
    # One address sends all the load here; the per-address rate limits would answer 429.
    env = production_env(instance, sink.port, ZORGSAMEN_RATELIMIT_ENABLED="false")
    with Gunicorn("bench.wsgi_site:app", env, WORKERS, THREADS) as server, Worker(env):
        for name, scenario, ceiling in site_scenarios():
            print(f"site: {name} ...", flush=True)
            figures = load.run(server.url, scenario, clients=CLIENTS, seconds=SECONDS, warmup=WARMUP)
            results["site"].append(dict(figures, name=name, ceiling=ceiling))
        results["memory"] = memory_of(server.worker_pids())
        results["master_memory"] = memory_of([server.process.pid])[0]
    results["database_mb"] = round(sum(p.stat().st_size for p in instance.glob("screener.db*")) / 2**20, 1)


class Worker:
    """`flask worker` beside the web server, as in production: it sends the outbox to the SMTP sink."""

    def __init__(self, env):
        self.env = env

    def __enter__(self):
        flask = str(Path(sys.executable).with_name("flask"))
        self.process = subprocess.Popen([flask, "--app", "bench.wsgi_site:app", "worker"], env=self.env,
                                        cwd=str(HERE.parent), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


def measure_ceiling(results, sink, seconds):
    """The minimal app's figures; measured before and after the site, so noise on a shared machine averages out."""
    env = production_env(Path(tempfile.mkdtemp(prefix="bench-ceiling-")), sink.port)
    with Gunicorn("bench.ceiling_app:app", env, WORKERS, THREADS) as server:
        for key, scenario in (("get", scenarios.ceiling_get), ("post", scenarios.ceiling_post)):
            print(f"ceiling: {key} ...", flush=True)
            runs = results["ceiling_runs"].setdefault(key, [])
            runs.append(load.run(server.url, scenario, clients=CLIENTS, seconds=seconds, warmup=WARMUP))
            results["ceiling"][key] = average(runs)
        results["ceiling_memory"] = memory_of(server.worker_pids())


def average(runs):
    """One figure per key from several runs of the same scenario (the mean)."""
    keys = ("per_second", "requests_per_second", "p50_ms", "p95_ms", "p99_ms")
    merged = dict(runs[-1])
    merged.update({k: sum(r[k] for r in runs) / len(runs) for k in keys})
    merged["errors"] = sum(r["errors"] for r in runs)
    return merged


def ms(value):
    return "-" if value is None else f"{value:.0f}"


def report(results):
    """The report as text: one line per scenario with its ratio to the ceiling."""
    ceiling = results["ceiling"]
    lines = [
        f"ZorgSamen bench {results['at']} on {results['machine']}",
        f"gunicorn.conf.py: {results['workers']} workers x {results['threads']} threads (gthread); "
        f"{CLIENTS} concurrent clients; {SECONDS:.0f} s per scenario after {WARMUP:.0f} s warm-up; "
        "the ceiling is the mean of a run before and a run after the site",
        f"machine load average (1 min) before the run {results['load_average_before']:.1f}, "
        f"after {results['load_average_after']:.1f} (other work on the machine skews absolute figures)",
        "",
        f"{'scenario':48} {'tx/s':>7} {'req/s':>7} {'p50':>5} {'p95':>5} {'p99':>5} {'err':>4} {'cli':>4}  ratio to ceiling",
    ]
    for key, label in (("get", "ceiling: minimal Flask GET"), ("post", "ceiling: minimal Flask POST")):
        c = ceiling[key]
        lines.append(f"{label:48} {c['per_second']:7.0f} {c['requests_per_second']:7.0f} {ms(c['p50_ms']):>5} "
                     f"{ms(c['p95_ms']):>5} {ms(c['p99_ms']):>5} {c['errors']:>4} {c['client_cores']:4.1f}  1.00")
    for s in results["site"]:
        base = ceiling[s["ceiling"]]["requests_per_second"]
        ratio = s["requests_per_second"] / base if base else 0
        lines.append(f"{s['name']:48} {s['per_second']:7.1f} {s['requests_per_second']:7.0f} {ms(s['p50_ms']):>5} "
                     f"{ms(s['p95_ms']):>5} {ms(s['p99_ms']):>5} {s['errors']:>4} {s['client_cores']:4.1f}  {ratio:.2f} (req/s vs {s['ceiling'].upper()})")
        if len(s["per_request"]) > 1:
            for label, r in s["per_request"].items():
                lines.append(f"    {label:44} {'':7} {'':7} {ms(r['p50_ms']):>5} {ms(r['p95_ms']):>5} {ms(r['p99_ms']):>5}")
        for sample in s["error_samples"]:
            lines.append(f"    error: {sample}")
    lines += ["", "latency in ms per transaction (indented: per request inside it); a whole screening is one transaction",
              "cli: cores used by the load generator itself (it shares the machine with the server)",
              "memory per site worker: " + ", ".join(f"RSS {m['rss_mb']} MB / PSS {m['pss_mb']} MB" for m in results["memory"]),
              f"memory of the gunicorn master: RSS {results['master_memory']['rss_mb']} MB",
              "memory per ceiling worker: " + ", ".join(f"RSS {m['rss_mb']} MB" for m in results["ceiling_memory"]),
              f"database after the run: {results['database_mb']} MB",
              f"e-mails delivered to the SMTP sink by the worker during the run: {results['emails_received']}"]
    return "\n".join(lines) + "\n"


def main():
    results = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "machine": f"{platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()})",
               "workers": WORKERS, "threads": THREADS, "site": [], "ceiling": {}, "ceiling_runs": {}}
    results["load_average_before"] = os.getloadavg()[0]
    with SMTPSink() as sink:
        measure_ceiling(results, sink, SECONDS / 2)
        measure_site(results, sink)
        measure_ceiling(results, sink, SECONDS / 2)
        results["emails_received"] = sink.count
    results["load_average_after"] = os.getloadavg()[0]
    text = report(results)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"bench-{stamp}.txt").write_text(text)
    (out / f"bench-{stamp}.json").write_text(json.dumps(results, indent=2))
    print(text)
    print(f"Report written to {out / f'bench-{stamp}.txt'}")
    return 1 if any(s["errors"] for s in results["site"]) else 0


if __name__ == "__main__":
    sys.exit(main())
