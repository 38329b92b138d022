"""A small closed-loop load generator: N threads, each a visitor with its own keep-alive connection and cookies."""
import http.client
import os
import re
import threading
import time
from urllib.parse import urlencode, urlsplit

CSRF_FIELD = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
CSRF_HEADER = re.compile(r'"X-CSRFToken":\s*"([^"]+)"')
DIGITS = re.compile(r"\d+")


class Failure(Exception):
    """A response that a real visitor would see as an error (or an unexpected page)."""


class Visitor:
    """One browser: a keep-alive connection, a cookie jar (the Secure flag is ignored on 127.0.0.1), a CSRF token."""

    def __init__(self, base_url):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.conn = None
        self.cookies = {}
        self.csrf = None
        self.requests = 0
        self.timings = []  # (label, ms) of every request: "POST /screener/vraag/<n>"

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        return self.conn

    def request(self, method, path, form=None, htmx=False, expect=(200,)):
        """Send one request; returns (status, headers, body text). Raises Failure on an unexpected status."""
        headers = {"User-Agent": "zorgsamen-bench", "Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if htmx:
            headers["HX-Request"] = "true"
            if self.csrf:
                headers["X-CSRFToken"] = self.csrf
        started = time.monotonic()
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: a browser reconnects too.
                conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        self.requests += 1
        self.timings.append((f"{method} {DIGITS.sub('<n>', path)}", (time.monotonic() - started) * 1000))
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                self.cookies[cookie_name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            self.conn = None
        match = CSRF_FIELD.search(text) or CSRF_HEADER.search(text)
        if match:
            self.csrf = match.group(1)
        if response.status not in expect:
            raise Failure(f"{method} {path} -> {response.status}")
        return response.status, dict(response.getheaders()), text

    def close(self):
        if self.conn is not None:
            self.conn.close()


def percentile(sorted_values, fraction):
    """The value below which `fraction` of the sorted values fall (nearest rank)."""
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def run(base_url, scenario, clients=16, seconds=10.0, warmup=2.0):
    """Run `scenario(visitor)` in a loop on `clients` threads; one call is one measured transaction.

    Returns transactions/s, requests/s, latency percentiles (ms) and the errors, measured after the warm-up.
    """
    stop_at = time.monotonic() + warmup + seconds
    measure_from = time.monotonic() + warmup
    latencies, errors, lock = [], [], threading.Lock()
    per_request = {}
    request_counts = [0] * clients

    def loop(index):
        visitor = Visitor(base_url)
        try:
            while time.monotonic() < stop_at:
                before = visitor.requests
                visitor.timings = []
                started = time.monotonic()
                try:
                    scenario(visitor)
                    ok = True
                except Exception as exc:  # every kind of failure counts as an error
                    ok = False
                    error = f"{type(exc).__name__}: {exc}"
                    visitor.close()
                    visitor = Visitor(base_url)
                ended = time.monotonic()
                if started >= measure_from and ended <= stop_at + 5:
                    with lock:
                        if ok:
                            latencies.append((ended - started) * 1000)
                            for label, ms in visitor.timings:
                                per_request.setdefault(label, []).append(ms)
                        else:
                            errors.append(error)
                    request_counts[index] += visitor.requests - before if ok else 0
        finally:
            visitor.close()

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(clients)]
    cpu_before, wall_before = os.times(), time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu_after, wall = os.times(), time.monotonic() - wall_before
    # The load generator shares the 2 cores with the server: how much of them it used itself.
    client_cores = ((cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)) / wall
    return summarise([{"seconds": seconds, "latencies": latencies, "requests": sum(request_counts),
                       "per_request": per_request, "client_cores": client_cores, "errors": errors}], clients)


def summarise(slices, clients):
    """Figures over one or more measured slices of the same scenario: rates, percentiles, errors."""
    seconds = sum(s["seconds"] for s in slices)
    latencies = sorted(ms for s in slices for ms in s["latencies"])
    per_request = {}
    for s in slices:
        for label, values in s["per_request"].items():
            per_request.setdefault(label, []).extend(values)
    errors = [e for s in slices for e in s["errors"]]
    return {
        "clients": clients,
        "seconds": seconds,
        "transactions": len(latencies),
        "per_second": len(latencies) / seconds,
        "requests_per_second": sum(s["requests"] for s in slices) / seconds,
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "per_request": {label: {"count": len(v), "p50_ms": percentile(sorted(v), .5), "p95_ms": percentile(sorted(v), .95),
                                "p99_ms": percentile(sorted(v), .99)} for label, v in sorted(per_request.items())},
        "client_cores": round(sum(s["client_cores"] * s["seconds"] for s in slices) / seconds, 2),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "slices": slices,  # raw, for merging; dropped from the written report
    }

