#!/usr/bin/env python3
"""Image sizes, and start-up time and idle RSS of each service in its JVM image.

Needs the images (`./suite images`) and the backends of a running `./suite up --detach`
(PostgreSQL, Redis, S3Proxy). Each service's image is started N times with podman on the
host's network and a spare port (spawn of `podman run` until /q/health/ready answers 200;
RSS of the container's java process read from /proc 5 s after ready), and medians go to
bench/images/result.md. Native images are not built here (no GraalVM or Mandrel, and no
registry for the builder image), so their figures are marked as not measured.

usage: bench/images/bench.py [runs]   (default 5)
"""
import os, pathlib, statistics, subprocess, sys, time, urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench/startup"))
from bench import SERVICES, env_for, ready  # noqa: E402  (same backends and environment as the JVM start-up bench)

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
TAG = os.environ.get("IMAGE_TAG", "1.0.0")
DATA = pathlib.Path(os.environ.get("DATA_DIR", ROOT / "data"))
PASS_THROUGH = ["QUARKUS_HTTP_PORT", "DATA_DIR", "MEDIA_SIGNING_SECRET", "S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY",
                "S3_SECRET_KEY", "AUTH_URL", "MEDIA_URL", "MESSAGING_URL", "DB_NAME"]


def podman(*args, **kw):
    env = dict(os.environ)
    env.setdefault("CONTAINERS_CONF", str(DATA / "containers/containers.conf"))
    return subprocess.run(["podman", *args], env=env, check=True, capture_output=True, text=True, **kw).stdout.strip()


def rss_mb(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_once(service):
    _, port = SERVICES[service]
    env = env_for(service, port)
    env["DATA_DIR"] = "/tmp/data"
    args = ["run", "-d", "--rm", "--network=host"]
    for key in PASS_THROUGH:
        if key in env:
            args += ["-e", f"{key}={env[key]}"]
    start = time.monotonic()
    cid = podman(*args, f"localhost/chat-suite/{service}:{TAG}")
    try:
        while not ready(port):
            if podman("inspect", "-f", "{{.State.Running}}", cid) != "true":
                raise RuntimeError(f"{service} container exited: {podman('logs', cid)[-2000:]}")
            if time.monotonic() - start > 120:
                raise RuntimeError(f"{service} not ready in 120 s")
            time.sleep(0.02)
        elapsed = time.monotonic() - start
        time.sleep(5)
        return elapsed, rss_mb(int(podman("inspect", "-f", "{{.State.Pid}}", cid)))
    finally:
        podman("stop", "-t", "20", cid)


def main():
    sizes = dict(line.split("\t") for line in podman("image", "ls", "--format", "{{.Repository}}:{{.Tag}}\t{{.Size}}").splitlines()
                 if "chat-suite/" in line)
    rows = []
    for service in SERVICES:
        samples = [run_once(service) for _ in range(RUNS)]
        times, rsss = [s[0] for s in samples], [s[1] for s in samples]
        rows.append((service, sizes.get(f"localhost/chat-suite/{service}:{TAG}", "?"), statistics.median(times), min(times), max(times),
                     statistics.median(rsss)))
        print(f"{service:18} image {rows[-1][1]:>8}  ready {rows[-1][2]:.2f} s  idle RSS {rows[-1][5]:.0f} MB", flush=True)
    out = ROOT / "bench/images/result.md"
    with open(out, "w") as f:
        f.write("### Container images (JVM)\n\n")
        f.write(f"Command: `./suite images && bench/images/bench.py {RUNS}` with `./suite up --detach` running for the backends. "
                f"Each figure is the median of {RUNS} starts of the service's image with podman (runc, host network), from "
                "`podman run` until `/q/health/ready` answers 200; RSS of the container's java process 5 s after ready. "
                "Images: Debian bookworm minbase + openjdk-17-jre-headless made with debootstrap "
                f"(`localhost/chat-suite/jre:17`, {sizes.get('localhost/chat-suite/jre:17', '?')}) + the service's fast-jar.\n\n")
        f.write("| service | JVM image | ready (median) | min | max | idle RSS (median) | native image |\n|---|---|---|---|---|---|---|\n")
        for service, size, med, lo, hi, rss in rows:
            f.write(f"| {service} | {size} | {med:.2f} s | {lo:.2f} s | {hi:.2f} s | {rss:.0f} MB | not measured here |\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
