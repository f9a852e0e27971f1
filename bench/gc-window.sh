#!/usr/bin/env bash
# Young collections and allocation in a push bench's measured minute, read from the server's G1 GC log.
#   QUEUELENS_JAVA_OPTS="-Xmx2g -Xlog:gc:file=/tmp/gc.log" bench/run live-push 5000 60
#   bench/gc-window.sh /tmp/gc.log
# The bench measures the 60 s after its "heap with subscribers" reading, whose full collections
# ("Pause Full (Diagnostic Command)") are the last ones in the log: the window starts at the last of them.
# Allocation is the growth of the heap between one collection's end and the next one's start.
set -euo pipefail
log="${1:?usage: bench/gc-window.sh GC_LOG [SECONDS]}"
seconds="${2:-60}"
start=$(grep "Pause Full" "$log" | tail -1 | sed -E 's/^\[([0-9.]+)s.*/\1/')
# one line per collection: time, kind (Y/F), heap before and after (MB), pause (ms); plain POSIX awk after that
sed -nE 's/^\[([0-9.]+)s\].*Pause (Young|Full).* ([0-9]+)M->([0-9]+)M\([0-9]+M\) ([0-9.]+)ms$/\1 \2 \3 \4 \5/p' "$log" |
awk -v s="$start" -v w="$seconds" '
$2 == "Young" {
  if ($1 > s && $1 <= s + w) { n++; alloc += $3 - prev; pause += $5; if ($5 > mx) mx = $5 }
  prev = $4
}
$2 == "Full" { prev = $4 }
END { printf "from %.1f s for %d s: %d young pauses, %.0f ms in all, longest %.0f ms, about %.0f MB allocated (%.0f MB/s)\n",
             s, w, n, pause, mx, alloc, alloc / w }'
