#!/usr/bin/env python3
"""For scripts/make-link-order: adds to the order file the functions at the code page faults perf recorded.

Usage: link-order-faults.py BINARY ORDER_FILE PERF_DATA...  Prints how many functions were added.
"""

import bisect
import re
import subprocess
import sys

binary, order_path, recordings = sys.argv[1], sys.argv[2], sys.argv[3:]

# Function symbols of the binary by address (link-time addresses, the binary is position independent).
symbols = []
for line in subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout.splitlines():
    parts = line.split(None, 2)
    if len(parts) == 3 and parts[1] in "tTwW":
        symbols.append((int(parts[0], 16), parts[2]))
symbols.sort()
addresses = [address for address, _ in symbols]

order = open(order_path).read().split()
listed = set(order)
added = 0
mapping = re.compile(r"\[(0x[0-9a-f]+)\((0x[0-9a-f]+)\) @ (0x[0-9a-f]+|0) .*\]: (\S+) (\S+)$")
for recording in recordings:
    script = subprocess.run(
        ["perf", "script", "-i", recording, "--show-mmap-events", "-F", "addr"], capture_output=True, text=True
    ).stdout
    base, code = None, None
    for line in script.splitlines():
        if "PERF_RECORD_MMAP2" in line:
            found = mapping.search(line)
            if not found or found.group(5) != binary:
                continue
            start, size, offset = (int(found.group(i), 16) for i in (1, 2, 3))
            if offset == 0 and base is None:
                base = start
            if found.group(4).startswith("r-x"):
                code = (start, start + size)
            continue
        fields = line.split()
        if not fields or base is None or code is None:
            continue
        try:
            address = int(fields[0], 16)
        except ValueError:
            continue
        if not code[0] <= address < code[1]:
            continue
        index = bisect.bisect_right(addresses, address - base) - 1
        if index >= 0 and symbols[index][1] not in listed:
            listed.add(symbols[index][1])
            order.append(symbols[index][1])
            added += 1

with open(order_path, "w") as f:
    f.write("".join(name + "\n" for name in order))
print(added)
