"""Runs a sweep's plan on Ray: a local one that it starts and stops, or a running cluster at an address.

Talks to `samdp sweep` (Java) through stdout, one JSON object per line: {"progress": {...}} while it runs, and
{"error": "..."} once if it cannot run at all (exit code 2). Exit code 0: every job done; 1: some failed.
Ray's own messages go to stderr (samdp sweep keeps them in SWEEPDIR/driver.log).
"""

import argparse
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from samdp_sweep import trial

# Ray replaces 127.0.0.1 and localhost by the machine's outward address; 127.0.0.2 stays on loopback.
LOCAL_ADDRESS = "127.0.0.2"
HEAD_START_SECONDS = 90


class SweepError(Exception):
    """Why the sweep cannot run, as one line that says what to do."""


_messages = sys.stdout


def emit(message):
    print(json.dumps(message), file=_messages, flush=True)


def keep_stdout_for_messages():
    """The messages get the driver's stdout to themselves: whatever else is printed there (Ray prints some of its
    messages to stdout) goes to stderr, so that no stray line comes between two messages."""
    global _messages
    _messages = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)


def read_plan(sweep_dir):
    with open(os.path.join(sweep_dir, "plan.json"), encoding="utf-8") as plan:
        return json.load(plan)


def is_done(sweep_dir, job_id):
    return os.path.exists(os.path.join(sweep_dir, "jobs", job_id, "done.json"))


def is_running(sweep_dir, job_id):
    """Whether the job's latest attempt has started its samdp process and not ended."""
    job_dir = os.path.join(sweep_dir, "jobs", job_id)
    if not os.path.isdir(job_dir):
        return False
    attempts = [name for name in os.listdir(job_dir) if name.startswith("attempt-")]
    if not attempts:
        return False
    latest = os.path.join(job_dir, max(attempts, key=lambda name: int(name.split("-")[1])))
    return os.path.exists(os.path.join(latest, "attempt.json")) and not os.path.exists(
        os.path.join(latest, "exit.json"))


def split_address(address):
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise SweepError(f"the cluster address {address} is not HOST:PORT (e.g. 10.0.0.5:6379)")
    return host, int(port)


def free_port(host=LOCAL_ADDRESS):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _stop_on_sigterm():
    # Ray's core installs its own SIGTERM handler when it connects, which ends the process without unwinding; ours
    # unwinds, so that Ray is disconnected and the local head stopped (samdp sweep stops the driver with SIGTERM).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


class LocalHead:
    """A one-node Ray cluster on 127.0.0.2 for this sweep alone, with its own temporary directory; stopped by pid."""

    def __init__(self, port, cpus):
        # samdp sweep has checked that a given port is free; a race with another program shows as Ray's own error.
        self.port = port if port else free_port()
        # Ray's socket paths must stay short (AF_UNIX), so its temp dir is a fresh one under the system's temp dir.
        self.temp_dir = tempfile.mkdtemp(prefix="samdp-ray-")
        # Ray's CLI as a module of this interpreter, not the venv's `ray` script, whose first line names the path the
        # venv was created under and breaks when the venv is reached through another path (a link, a moved project).
        ray_command = [sys.executable, "-m", "ray.scripts.scripts"]
        self.log = open(os.path.join(self.temp_dir, "head.log"), "wb")
        # Ray's memory monitor kills the newest running jobs whenever the whole machine passes 95 % of its memory,
        # whoever holds it: on a machine shared with other work it killed healthy trainings (their retries then
        # repeat the steps since the last checkpoint, and a third kill fails the job). A job's JVM has a bounded
        # heap; a machine truly out of memory still has the kernel's OOM killer. A value set by the user wins.
        environment = dict(os.environ)
        environment.setdefault("RAY_memory_monitor_refresh_ms", "0")
        self.process = subprocess.Popen(
            ray_command + ["start", "--head", "--block", "--node-ip-address", LOCAL_ADDRESS, "--port", str(self.port),
             "--num-cpus", str(cpus), "--include-dashboard", "false", "--disable-usage-stats",
             "--temp-dir", self.temp_dir,
             # Ray's fixed default ports (10001, 8265, 52365) would collide with any other Ray on this machine.
             "--ray-client-server-port", str(free_port("0.0.0.0")), "--dashboard-host", LOCAL_ADDRESS,
             "--dashboard-port", str(free_port("0.0.0.0")),
             "--dashboard-agent-listen-port", str(free_port("0.0.0.0"))],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            env=environment)
        self.address = f"{LOCAL_ADDRESS}:{self.port}"
        deadline = time.time() + HEAD_START_SECONDS
        while True:
            if self.process.poll() is not None:
                raise SweepError(f"Ray could not start on {self.address}: {self._last_line()}")
            try:
                with socket.create_connection((LOCAL_ADDRESS, self.port), timeout=1):
                    return
            except OSError:
                if time.time() > deadline:
                    raise SweepError(f"Ray did not start on {self.address} within {HEAD_START_SECONDS} s")
                time.sleep(0.2)

    def _last_line(self):
        self.log.flush()
        with open(self.log.name, encoding="utf-8", errors="replace") as log:
            lines = [line.strip() for line in log if line.strip()]
        return lines[-1] if lines else f"ray start exited with {self.process.returncode}"

    def stop(self):
        # `ray start --block` stops the processes it started when it is terminated; never `ray stop`, which stops
        # every Ray of the machine's user.
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.temp_dir, ignore_errors=True)


def connect(address):
    import ray

    host, _ = split_address(address)
    # A driver on a loopback cluster must say so, or Ray looks for its node at the machine's outward address.
    node_ip = host if host.startswith("127.") else None
    ray.init(address=address, _node_ip_address=node_ip, log_to_driver=False, logging_level=logging.WARNING,
             include_dashboard=False)
    _stop_on_sigterm()


def run_plan(sweep_dir, plan):
    """Submits every unfinished job (a job after the training it evaluates) and reports progress until all end."""
    import ray

    ray.cloudpickle.register_pickle_by_value(trial)
    run_job = ray.remote(trial.run_job).options(num_cpus=plan["cpusPerTrial"], max_retries=plan["retries"],
                                                retry_exceptions=True)
    refs = {}
    total = len(plan["jobs"])
    done = sum(is_done(sweep_dir, job["id"]) for job in plan["jobs"])
    for job in plan["jobs"]:
        if is_done(sweep_dir, job["id"]):
            continue
        dependencies = [refs[job["after"]]] if job.get("after") in refs else []
        refs[job["id"]] = run_job.remote(sweep_dir, plan["launcher"], plan["environment"], job, *dependencies)
    pending = {ref: job_id for job_id, ref in refs.items()}
    failed = []
    last = None
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=len(pending), timeout=1.0)
        for ref in ready:
            job_id = pending.pop(ref)
            try:
                ray.get(ref)
                done += 1
            except Exception:  # the job's own attempts say why (their logs); the sweep goes on without it
                failed.append(job_id)
        running = sum(is_running(sweep_dir, job_id) for job_id in pending.values())
        progress = {"total": total, "done": done, "running": running, "failed": len(failed)}
        if progress != last:
            emit({"progress": progress})
            last = progress
    if failed:
        emit({"failed": failed})
    return 1 if failed else 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m samdp_sweep", description=__doc__)
    parser.add_argument("sweep_dir")
    parser.add_argument("--address", help="HOST:PORT of a running Ray cluster (default: start a local one)")
    parser.add_argument("--port", type=int, default=0, help="the local head's port (default: a free one)")
    parser.add_argument("--cpus", type=int, default=os.cpu_count(), help="CPUs of the local head")
    args = parser.parse_args(argv)
    keep_stdout_for_messages()
    _stop_on_sigterm()
    sweep_dir = os.path.abspath(args.sweep_dir)
    plan = read_plan(sweep_dir)
    try:
        import ray  # noqa: F401 (checked here, so that a missing Ray is one clear line)
    except ImportError as error:
        emit({"error": f"Ray is not installed in {sys.executable} ({error}): run samdp sweep through ./samdp, which"
                       f" installs the pinned ray[tune] into .venv"})
        return 2
    head = None
    try:
        if args.address:
            address = args.address
        else:
            head = LocalHead(args.port, args.cpus)
            address = head.address
        connect(address)
        return run_plan(sweep_dir, plan)
    except SweepError as error:
        emit({"error": str(error)})
        return 2
    finally:
        import ray

        if ray.is_initialized():
            ray.shutdown()
        if head is not None:
            head.stop()
