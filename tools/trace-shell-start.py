import re, sys, statistics
# A shell start: the JVM forks A; A execs sh (joins cgroups), then nsenter, which forks B (in the lab's PID
# namespace); B execs the seccomp loader (which enters the home directory), then bash; bash's prompt wakes
# glassbox-poll (the next wake-up of it after bash's exec: in the prompt benchmark one terminal starts at a
# time).
ev = []
for line in open(sys.argv[1]):
    m = re.match(r"\s*(.+?)-(\d+)\s+\[\d+\].*?\s([\d.]+): (\w+): (.*)", line)
    if m: ev.append((float(m.group(3)), m.group(1), int(m.group(2)), m.group(4), m.group(5)))
forks, execs, wakes = {}, {}, {}
for t, comm, pid, kind, rest in ev:
    if kind == "sched_process_fork":
        forks.setdefault(pid, []).append((t, int(re.search(r"child_pid=(\d+)", rest).group(1)), comm))
    elif kind == "sched_process_exec":
        execs.setdefault(pid, []).append((t, re.search(r"filename=(\S+)", rest).group(1)))
    elif kind == "sched_waking":
        wakes.setdefault(0, []).append(t)  # the pty's output wakes it through a kworker: any waker counts
parent_fork = {c: (t, p, comm) for p, l in forks.items() for t, c, comm in l}
rows = []
for a, l in execs.items():
    names = [f for t, f in l]
    if not any(f.endswith("nsenter") for f in names): continue
    t_nsenter = next(t for t, f in l if f.endswith("nsenter"))
    kids = [(t, c) for t, c, _ in forks.get(a, []) if t >= t_nsenter]
    if not kids: continue
    b = kids[0][1]
    bl = execs.get(b, [])
    if not bl or not bl[-1][1].endswith("bash"): continue
    if len(sys.argv) > 2 and not bl[0][1].endswith(sys.argv[2]): continue  # only this loader's (perl, python3)
    t_bash = bl[-1][0]
    prompt = next((w for w in wakes.get(0, []) if w >= t_bash), None)
    if prompt is None: continue
    t0 = parent_fork.get(a, (l[0][0],))[0]
    steps = [("fork", t0)] + [(f.split("/")[-1], t) for t, f in l] + [("fork B", kids[0][0])] \
        + [(f.split("/")[-1], t) for t, f in bl] + [("prompt", prompt)]
    rows.append(steps)
if not rows:
    sys.exit("no shell starts found")
print(f"{len(rows)} shell starts; ms from the JVM's fork (p50 / max):")
for i, (name, _) in enumerate(rows[0]):
    vals = [(r[i][1] - r[0][1]) * 1000 for r in rows if len(r) == len(rows[0])]
    print(f"  {name:10s} {statistics.median(vals):8.2f} {max(vals):8.2f}")
