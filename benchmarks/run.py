"""All benchmarks in one command: ``make bench`` (or ``.venv/bin/python benchmarks/run.py``)."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}\n")
    for script in ("bench_read.py", "bench_assess.py", "bench_scenarios.py"):
        print(f"== {script}")
        subprocess.run([sys.executable, str(HERE / script), *sys.argv[1:]], check=True)
        print()
