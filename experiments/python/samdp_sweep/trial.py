"""One attempt of one job: a samdp process with its own directory, its log and its outcome in the sweep directory.

Ray ships this module by value to every node (the nodes need Ray, Java and the sweep directory on shared storage,
not this package), so it imports nothing from samdp_sweep.

Files of a job, under SWEEPDIR/jobs/ID/:
  attempt-N/attempt.json   node, pid and command of the samdp process (written when it starts)
  attempt-N/log.txt        what it printed
  attempt-N/exit.json      its exit code and seconds (written when it ends)
  done.json                the attempt that finished it (written once, last): a finished job is never run again
"""

import ctypes
import json
import os
import signal
import socket
import subprocess
import time

PR_SET_PDEATHSIG = 1


def write_json(path, value):
    """Writes a JSON file under a temporary name first, then renames it: readers see all of it or nothing."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(value, out, indent=2)
        out.write("\n")
    os.replace(temporary, path)


def new_attempt(job_dir):
    """Creates and returns the next attempt's directory and number; mkdir is atomic, so two attempts never share one."""
    os.makedirs(job_dir, exist_ok=True)
    number = 1
    while True:
        directory = os.path.join(job_dir, f"attempt-{number}")
        try:
            os.mkdir(directory)
            return directory, number
        except FileExistsError:
            number += 1


def _die_with_parent():
    # The samdp process goes when the Ray worker running it goes (a killed worker, a stopped sweep): no orphans.
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def train_arguments(job, run_dir, attempt_dir):
    """A training continues from its own latest checkpoint; one that stopped before its first checkpoint starts over."""
    checkpoints = os.path.join(run_dir, "checkpoints")
    if os.path.isdir(checkpoints) and any(name.startswith("iter-") for name in os.listdir(checkpoints)):
        return ["train", "--resume", "--out", run_dir]
    if os.path.exists(run_dir):
        os.replace(run_dir, os.path.join(attempt_dir, "unfinished-run"))
    return job["arguments"] + ["--out", run_dir]


def run_job(sweep_dir, launcher, environment, job, *dependencies):
    """Runs one attempt of `job`; raises on failure so that Ray retries it. Returns the job id once it is done."""
    job_dir = os.path.join(sweep_dir, "jobs", job["id"])
    if os.path.exists(os.path.join(job_dir, "done.json")):
        return job["id"]
    attempt_dir, number = new_attempt(job_dir)
    if job["kind"] == "train":
        arguments = train_arguments(job, os.path.join(sweep_dir, job["run"]), attempt_dir)
    else:
        results = os.path.join(attempt_dir, job["results"])
        arguments = job["arguments"] + ["--run", os.path.join(sweep_dir, job["run"]), "--results", results]
    command = launcher + arguments
    started = time.time()
    with open(os.path.join(attempt_dir, "log.txt"), "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env={**os.environ, **environment}, preexec_fn=_die_with_parent)
        write_json(os.path.join(attempt_dir, "attempt.json"),
                   {"attempt": number, "node": _node_address(), "host": socket.gethostname(), "pid": process.pid,
                    "command": command})
        code = process.wait()
    seconds = time.time() - started
    write_json(os.path.join(attempt_dir, "exit.json"), {"code": code, "seconds": seconds})
    if code != 0:
        raise RuntimeError(f"{job['id']}: attempt {number} exited with {code} (log: {attempt_dir}/log.txt)")
    done = {"attempt": number, "seconds": seconds}
    if job["kind"] != "train":
        done["results"] = os.path.relpath(os.path.join(attempt_dir, job["results"]), sweep_dir)
    write_json(os.path.join(job_dir, "done.json"), done)
    return job["id"]


def _node_address():
    import ray

    return ray.util.get_node_ip_address()
