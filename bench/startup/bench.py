#!/usr/bin/env python3
"""Start-up time (spawn -> /q/health/ready 200) and idle RSS of each service, JVM mode.

Runs each service N times per variant on spare ports against the backends of a running
`./suite up --detach` (PostgreSQL, Redis, S3Proxy), and writes medians to
bench/startup/result.md. Variants: the plain JVM, the launcher's tuned flags, tuned + a
dynamic AppCDS archive (Java 17), tuned + the AOT cache (Java 25). Archives are trained
with one run of the service (start, ready, SIGTERM).

usage: bench/startup/bench.py [runs]   (default 5)
"""
import os, pathlib, shlex, signal, statistics, subprocess, sys, time, urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
DATA = pathlib.Path(os.environ.get("DATA_DIR", ROOT / "data"))
JAVA17 = "java"
JAVA25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
TUNED = "-XX:+UseSerialGC -Xmx256m -Xss512k -XX:ReservedCodeCacheSize=64m"
# A small initial heap: the young generation is sized from it, and every page of it that start-up
# allocates through stays resident.
LEAN = TUNED + " -Xms16m"
LEAN_G1 = LEAN.replace("-XX:+UseSerialGC", "-XX:+UseG1GC")  # the launcher's default for auth-service
SERVICES = {"auth-service": ("auth", 18081), "messaging-service": ("messaging", 18082),
            "media-service": ("media", 18083), "gateway": (None, 18080)}
WORK = ROOT / "bench/startup/target"


def env_for(service, port):
    secrets = DATA / "secrets"
    env = dict(os.environ)
    env.update({
        "QUARKUS_HTTP_PORT": str(port), "DATA_DIR": str(DATA),
        "MEDIA_SIGNING_SECRET": (secrets / "media-signing-secret").read_text().strip(),
        "S3_ENDPOINT": "http://127.0.0.1:9000", "S3_BUCKET": "chat-media",
        "S3_ACCESS_KEY": (secrets / "s3-access-key").read_text().strip(),
        "S3_SECRET_KEY": (secrets / "s3-secret-key").read_text().strip(),
        # auth-service refuses to start in production without its signing key (made by ./suite up).
        "JWT_PRIVATE_KEY_FILE": str(secrets / "jwt-signing-key.pem"), "JWT_KEY_ID": "local-1",
        "AUTH_URL": "http://127.0.0.1:8081", "MEDIA_URL": "http://127.0.0.1:8083",
        "MESSAGING_URL": "http://127.0.0.1:8082",
    })
    db = SERVICES[service][0]
    if db:
        env["DB_NAME"] = db
    return env


def ready(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/q/health/ready", timeout=2) as r:
            return r.status == 200
    except Exception:
        return False


def rss_mb(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_once(java, opts, service, log):
    _, port = SERVICES[service]
    jar = ROOT / service / "target/quarkus-app/quarkus-run.jar"
    cmd = [java, *shlex.split(opts), "-jar", str(jar)]
    start = time.monotonic()
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, env=env_for(service, port), stdout=out, stderr=subprocess.STDOUT)
    try:
        # The gateway answers /q/** only on its management port.
        while not ready(9080 if service == "gateway" else port):
            if proc.poll() is not None:
                raise RuntimeError(f"{service} exited; see {log}")
            if time.monotonic() - start > 120:
                raise RuntimeError(f"{service} not ready in 120 s; see {log}")
            time.sleep(0.02)
        elapsed = time.monotonic() - start
        time.sleep(5)  # idle
        rss = rss_mb(proc.pid)
        return elapsed, rss
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def variants(service):
    archive_dir = WORK / service
    archive_dir.mkdir(parents=True, exist_ok=True)
    jsa, aot = archive_dir / "app-cds.jsa", archive_dir / "app.aot"
    return [
        ("java17-default", JAVA17, "", None),
        ("java17-tuned", JAVA17, TUNED, None),
        ("java17-tuned-appcds", JAVA17, f"{TUNED} -XX:SharedArchiveFile={jsa}", f"{TUNED} -XX:ArchiveClassesAtExit={jsa}"),
        ("java25-tuned", JAVA25, TUNED, None),
        ("java25-tuned-aotcache", JAVA25, f"{TUNED} -XX:AOTCache={aot}", f"{TUNED} -XX:AOTCacheOutput={aot}"),
        ("java17-lean", JAVA17, LEAN, None),
        ("java17-lean-appcds", JAVA17, f"{LEAN} -XX:SharedArchiveFile={jsa}", f"{LEAN} -XX:ArchiveClassesAtExit={jsa}"),
        ("java25-lean-aotcache", JAVA25, f"{LEAN} -XX:AOTCache={aot}", f"{LEAN} -XX:AOTCacheOutput={aot}"),
        ("java17-lean-g1-appcds", JAVA17, f"{LEAN_G1} -XX:SharedArchiveFile={jsa}", f"{LEAN_G1} -XX:ArchiveClassesAtExit={jsa}"),
        ("java25-lean-g1-aotcache", JAVA25, f"{LEAN_G1} -XX:AOTCache={aot}", f"{LEAN_G1} -XX:AOTCacheOutput={aot}"),
    ]


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    rows = []
    only = os.environ.get("ONLY")  # e.g. ONLY=media-service to measure one service
    for service in [s for s in SERVICES if not only or s in only.split(",")]:
        chosen = os.environ.get("VARIANTS")  # e.g. VARIANTS=java17-lean,java17-lean-appcds
        for name, java, opts, training in [v for v in variants(service) if not chosen or v[0] in chosen.split(",")]:
            if not pathlib.Path(java).exists() and java != "java":
                continue
            log = WORK / f"{service}-{name}.log"
            log.write_bytes(b"")
            if training:
                run_once(java, training, service, log)
            samples = [run_once(java, opts, service, log) for _ in range(RUNS)]
            times = [s[0] for s in samples]
            rsss = [s[1] for s in samples]
            rows.append((service, name, statistics.median(times), min(times), max(times), statistics.median(rsss)))
            print(f"{service:18} {name:24} ready {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})"
                  f"  idle RSS {statistics.median(rsss):.0f} MB", flush=True)
    out = ROOT / "bench/startup/result.md"
    with open(out, "w") as f:
        f.write("# Start-up time and idle memory (JVM mode)\n\n")
        f.write(f"Command: `bench/startup/bench.py {RUNS}` with `./suite up --detach` running for the backends "
                f"(local PostgreSQL and Redis, S3Proxy). Each figure is the median of {RUNS} starts of the packaged "
                "service (spawn until `/q/health/ready` answers 200; RSS read from /proc 5 s after ready).\n\n")
        f.write(f"Tuned flags: `{TUNED}`; lean adds `-Xms16m`; g1 uses G1 instead of SerialGC.\n\n")
        f.write("| service | variant | ready (median) | min | max | idle RSS (median) |\n|---|---|---|---|---|---|\n")
        for service, name, med, lo, hi, rss in rows:
            f.write(f"| {service} | {name} | {med:.2f} s | {lo:.2f} s | {hi:.2f} s | {rss:.0f} MB |\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
