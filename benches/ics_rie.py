"""Times the reading of one week of the ics bench's export with recurring-ical-events.

The same work `benches/ics.rs` times for syncwise (parse the 1.6 MB file, place the
occurrences of 2026-W13 in Europe/Berlin), to compare the two in one run:

    SYNCWISE_BENCH_EXPORT=target/bench-export.ics cargo bench --bench ics
    python3 -m pip install --target target/test-python/rie recurring-ical-events icalendar
    PYTHONPATH=target/test-python/rie python3 benches/ics_rie.py target/bench-export.ics
"""

import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from importlib.metadata import version

import icalendar
import recurring_ical_events


def main() -> None:
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    with open(path, "rb") as f:
        data = f.read()
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 3, 23, tzinfo=berlin)
    end = datetime(2026, 3, 30, tzinfo=berlin)
    times = []
    count = 0
    for _ in range(runs):
        began = time.perf_counter()
        calendar = icalendar.Calendar.from_ical(data)
        events = recurring_ical_events.of(calendar).between(start, end)
        count = len(events)
        times.append(time.perf_counter() - began)
    times.sort()
    print(
        f"recurring-ical-events {version('recurring-ical-events')}: "
        f"{len(data)} bytes, {count} occurrences in 2026-W13; "
        f"median {times[len(times) // 2] * 1000:.1f} ms, best {times[0] * 1000:.1f} ms "
        f"over {runs} runs"
    )


if __name__ == "__main__":
    main()
