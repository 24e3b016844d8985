#!/usr/bin/env python3
"""How long `xrayctl doctor` takes against servers that never finish answering, against its bound.

Usage: python3 Tests/Benchmarks/deadline_benchmark.py [--timeout 1.0] [--runs 3] [--xrayctl BINARY]

The tests check what doctor says about such servers (the answer is cut at --timeout, or at 4 MB);
how long that takes is wall time, which a loaded machine stretches, so it is measured here instead:
doctor --aws with its seven calls (the daemon's proxy and six AWS calls) sent to one loopback
server that is silent, trickles one byte every 50 ms, or streams as fast as loopback carries.
Target: each run within 7 x --timeout + 10 s (no call waits past its deadline), best of --runs.
"""
import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lint_benchmark import ROOT  # noqa: E402

CALLS = 7


def serve(behaviour, stop):
    """A TCP server on a free loopback port (UDP bound to the same number, as the daemon's is)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    datagrams = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    datagrams.bind(("127.0.0.1", port))
    listener.settimeout(0.2)

    def answer(connection):
        with connection:
            connection.settimeout(0.5)
            try:
                connection.recv(65536)
                if behaviour == "silent":
                    stop.wait(30)
                    return
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n")
                chunk, pause = (b"x", 0.05) if behaviour == "trickle" else (b"x" * 262144, 0)
                deadline = time.monotonic() + 20
                while not stop.is_set() and time.monotonic() < deadline:
                    connection.sendall(chunk)
                    if pause:
                        time.sleep(pause)
            except OSError:
                pass

    def accept():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except socket.timeout:
                continue
            threading.Thread(target=answer, args=(connection,), daemon=True).start()
        listener.close()
        datagrams.close()

    threading.Thread(target=accept, daemon=True).start()
    return port


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xrayctl", help="a binary to time instead of building a release one")
    args = parser.parse_args()

    xrayctl = args.xrayctl
    if xrayctl is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "xrayctl"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        xrayctl = os.path.join(ROOT, ".build", "release", "xrayctl")
    bound = CALLS * args.timeout + 10
    failed = False
    with tempfile.TemporaryDirectory(prefix="xrayctl-deadline-") as work:
        environment = {"PATH": "/usr/bin:/bin", "HOME": os.path.join(work, "no-home"), "AWS_EC2_METADATA_DISABLED": "true",
                       "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secretsecretsecret",
                       "AWS_REGION": "us-east-1"}
        for behaviour in ("silent", "trickle", "stream"):
            stop = threading.Event()
            port = serve(behaviour, stop)
            times = []
            for _ in range(args.runs):
                project = tempfile.mkdtemp(dir=work)
                start = time.perf_counter()
                subprocess.run([xrayctl, "doctor", "--dir", project, "--aws", "--endpoint-url", f"http://127.0.0.1:{port}",
                                "--daemon-address", f"127.0.0.1:{port}", "--timeout", str(args.timeout)],
                               env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                times.append(time.perf_counter() - start)
                shutil.rmtree(project, ignore_errors=True)
            stop.set()
            best = min(times)
            failed |= best > bound
            print(f"doctor --aws, a {behaviour} server: {best:.2f} s (bound {bound:.0f} s){'' if best <= bound else '  OVER'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
