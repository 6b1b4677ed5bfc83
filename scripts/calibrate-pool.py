"""Measures what process pools and threads cost on this machine, with the real python3.

`npm run calibrate` runs it and writes lib/sim/pool/calibration-streamed.json: pool start-up,
the cost of one more task message by size when a map streams them to the workers, the round
trip of one task and its result by message size, pickling throughput, and the cost of handing
work to another thread, each the median of several runs, with the machine and the Python
version they were measured on and the load average before and after. The measured pool
questions (fastest-executor and pool-overhead, lib/sim/pool/measured.ts) take their constants
from this file: rerun it on a quiet machine, and since their questions change with it, give
those generators a new version when you commit a new calibration. (lib/sim/pool/calibration.json
is the earlier calibration, without the streamed messages, that version 4 of both keeps.)
"""

import json
import os
import pickle
import platform
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool

REPEATS = 7
# message sizes (bytes) for stream_message, and how many messages each run sends (about as many
# as a question's map sends of that size)
STREAM_SIZES = ((16, 2000), (65536, 200), (262144, 50), (1048576, 12), (4194304, 8))


def noop(x):
    return None


def echo(x):
    return x


def median_ms(samples):
    return round(statistics.median(samples) * 1000, 4)


def pool_start(processes):
    """Pool(n) created and every worker answered one task: what a short-lived pool pays first."""
    samples = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        pool = Pool(processes)
        pool.map(noop, range(processes), chunksize=1)
        samples.append(time.perf_counter() - t0)
        pool.close()
        pool.join()
    return median_ms(samples)


def pool_shutdown(processes):
    samples = []
    for _ in range(REPEATS):
        pool = Pool(processes)
        pool.map(noop, range(processes), chunksize=1)
        t0 = time.perf_counter()
        pool.close()
        pool.join()
        samples.append(time.perf_counter() - t0)
    return median_ms(samples)


def round_trip(size, calls):
    """One task carrying `size` bytes and its result carrying them back, one at a time."""
    payload = bytes(size)
    with Pool(1) as pool:
        pool.apply(noop, (0,))
        samples = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            for _ in range(calls):
                pool.apply(echo, (payload,))
            samples.append((time.perf_counter() - t0) / calls)
    return median_ms(samples)


def map_message(items=4000):
    """Pool(2).map of no-ops with chunksize=1: ms per message when they stream (the task
    handler pickles and writes the next one while workers answer the last)."""
    with Pool(2) as pool:
        pool.map(noop, range(2), chunksize=1)
        samples = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            pool.map(noop, range(items), chunksize=1)
            samples.append((time.perf_counter() - t0) / items)
    return median_ms(samples)


def stream_message(size, items):
    """A fresh Pool(2), its workers up, then map over `items` bytes objects of `size` bytes,
    chunksize=1, answers small: ms per message. The task handler pickles and writes one message
    after another into the one task pipe and a worker reads a whole message at a time, so big
    messages go through one by one: this is what each costs, pickling, the pipe and unpickling
    in the worker together. Fresh workers, as in a program that starts a pool for one map: their
    first big buffers fault in new pages (a long-lived pool's reuse theirs, ~25 % cheaper)."""
    # distinct objects, as a program's data are: one object sent again and again stays in the cache
    data = [bytes(size) for _ in range(items)]
    samples = []
    for _ in range(REPEATS):
        with Pool(2) as pool:
            pool.map(noop, range(2), chunksize=1)
            t0 = time.perf_counter()
            pool.map(noop, data, chunksize=1)
            samples.append((time.perf_counter() - t0) / items)
    return median_ms(samples)


def pickle_throughput():
    """MB/s of pickle.dumps + loads for a list of small ints and for a large bytes object."""
    out = {}
    for name, value in (("list_of_ints", list(range(200_000))), ("bytes", bytes(8 * 1024 * 1024))):
        size = len(pickle.dumps(value, 4))
        samples = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            pickle.loads(pickle.dumps(value, 4))
            samples.append(time.perf_counter() - t0)
        out[name] = {"pickled_bytes": size, "mb_per_s": round(size / statistics.median(samples) / 1e6, 1)}
    return out


def thread_handoff(calls=2000):
    """ThreadPoolExecutor: submit a no-op and wait for it, one at a time (ms per task)."""
    with ThreadPoolExecutor(max_workers=1) as ex:
        ex.submit(noop, 0).result()
        samples = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            for _ in range(calls):
                ex.submit(noop, 0).result()
            samples.append((time.perf_counter() - t0) / calls)
    return median_ms(samples)


def thread_switch(rounds=2000):
    """Two threads passing a turn back and forth with Events: ms per switch."""
    ping, pong = threading.Event(), threading.Event()

    def other():
        for _ in range(rounds):
            ping.wait()
            ping.clear()
            pong.set()

    samples = []
    for _ in range(3):
        t = threading.Thread(target=other)
        t.start()
        t0 = time.perf_counter()
        for _ in range(rounds):
            ping.set()
            pong.wait()
            pong.clear()
        samples.append((time.perf_counter() - t0) / (2 * rounds))
        t.join()
    return median_ms(samples)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(path):
    result = {
        "measured_with": "scripts/calibrate-pool.py (npm run calibrate)",
        "machine": {
            "os": f"{platform.system()} {platform.release()}",
            "cpu": cpu_model(),
            "cores": os.cpu_count(),
            "arch": platform.machine(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "python": platform.python_version(),
        # The pool model these figures are for (lib/sim/pool/measured.ts): stream_message_ms feeds the streamed one.
        "model": "streamed",
        "start_method": "fork",
        "repeats": REPEATS,
        "pool_start_ms": {str(n): pool_start(n) for n in (1, 2, 3, 4)},
        "pool_shutdown_ms": {str(n): pool_shutdown(n) for n in (1, 2, 3, 4)},
        "task_round_trip_ms": {str(size): round_trip(size, 200 if size < 65536 else 40) for size in (16, 1024, 65536, 1048576)},
        "map_message_ms": map_message(),
        "stream_message_ms": {str(size): stream_message(size, items) for size, items in STREAM_SIZES},
        "pickle": pickle_throughput(),
        "thread_pool_task_ms": thread_handoff(),
        "thread_switch_ms": thread_switch(),
        "gil_switch_interval_ms": sys.getswitchinterval() * 1000,
    }
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(result, indent=2) + "\n"
    if path == "-":
        sys.stdout.write(text)
    else:
        with open(path, "w") as f:
            f.write(text)
        print(f"wrote {path}")


def whole_runs(path):
    """`--runs PATH`: real runs to check the model against (tests/unit/sim/pool/real-runs.json, read by measured.test.ts):
    Pool(P) created, map of no-ops over `items` bytes objects (default chunksize), close(), join(),
    for every item size, pool size and item count the break-even questions draw; the median of
    REPEATS runs each, with the machine and load as in the calibration."""
    runs = []
    load_start = [round(x, 2) for x in os.getloadavg()]
    for size in (0, 20_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000):
        for processes in (2, 3, 4):
            for items in (3, 8, 12, 32):
                data = [bytes(size) for _ in range(items)]
                samples = []
                for _ in range(REPEATS):
                    t0 = time.perf_counter()
                    pool = Pool(processes)
                    pool.map(noop, data)
                    pool.close()
                    pool.join()
                    samples.append(time.perf_counter() - t0)
                runs.append({"bytes": size, "processes": processes, "items": items, "ms": median_ms(samples)})
    out = {
        "measured_with": "scripts/calibrate-pool.py --runs",
        "machine": {"cpu": cpu_model(), "cores": os.cpu_count(), "load_average_at_start": load_start, "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
        "python": platform.python_version(),
        "runs": runs,
    }
    with open(path, "w") as f:
        f.write(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--runs":
        whole_runs(sys.argv[2])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "-")
