#!/bin/bash
# Where a new terminal's first prompt waits: traces process forks and execs and the wake-ups of the server's
# poll thread (ftrace, sched events: no kprobes or syscall events needed) while the prompt benchmark runs
# (`GLASSBOX_BENCH_ONLY=prompt ./glassbox bench`), then prints the median and maximum time from the JVM's fork
# to each step of a shell's start (docs/terminal-engine.md). Root; the raw trace stays in /tmp/trace.txt.
# Run it on a quiet machine: other Glassbox servers' shells would be counted too.
set -u
T=/sys/kernel/tracing
[ -e $T/trace ] || mount -t tracefs nodev $T
echo 0 > $T/tracing_on; echo > $T/trace; echo 131072 > $T/buffer_size_kb
echo 1 > $T/events/sched/sched_process_exec/enable
echo 1 > $T/events/sched/sched_process_fork/enable
echo 'comm == "glassbox-poll"' > $T/events/sched/sched_waking/filter
echo 1 > $T/events/sched/sched_waking/enable
echo 1 > $T/tracing_on
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.." && GLASSBOX_BENCH_ONLY=prompt ./glassbox bench terminal 2>&1 | grep -E "prompt|POST" | tail -6
echo 0 > $T/tracing_on
cat $T/trace > /tmp/trace.txt
for e in sched_process_exec sched_process_fork sched_waking; do echo 0 > $T/events/sched/$e/enable; done
echo 0 > $T/events/sched/sched_waking/filter
echo > $T/trace; echo 1408 > $T/buffer_size_kb  # the default
python3 "$here/trace-shell-start.py" /tmp/trace.txt perl
