# The server's guardian (see ServerGuardian.java), run by a static busybox sh as root, outside every lab's
# cgroup and namespace:
#   busybox sh guardian.sh IP NETNS CGROUP_DIR...
# IP is iproute2's ip by its full path (busybox sh would otherwise run its own ip applet, which has no netns).
# Its standard input is a pipe whose only writer is the server. The kernel closes a dead process's file
# descriptors however it died (man 2 _exit), so read(2) here returns end-of-file the moment the server is gone,
# kill -9 included. Then every process under the instance's cgroups (all lab hosts, frozen ones too, and the
# outside network's web service) is killed, the empty cgroups and the outside network namespace are removed,
# and the guardian exits. A server that closes normally has torn all of it down already: this finds nothing.

# Only SIGKILL may end the guardian early: Ctrl-C in the server's terminal, a hangup or systemd's SIGTERM to
# the service's processes reach it too, and the server may then still die without its shutdown.
trap '' INT HUP TERM QUIT PIPE
ip=$1
netns=$2
shift 2

# The server writes only "closing", after it tore everything down itself; read returns false at end-of-file.
echo -1000 > /proc/$$/oom_score_adj 2>/dev/null
last=
while read -r line; do last=$line; done
[ "$last" = closing ] || echo "$(date -u '+%F %T') the server is gone (its pipe closed without \"closing\"):" \
    "killing what is left in $*"

# Thaws every cgroup below $1: SIGKILL waits for a frozen task to thaw, and a learner may freeze its own
# cgroups (v1 freezer.state, v2 cgroup.freeze).
thaw() {
    find "$1" -name freezer.state 2>/dev/null | while read -r f; do echo THAWED > "$f"; done 2>/dev/null
    find "$1" -name cgroup.freeze 2>/dev/null | while read -r f; do echo 0 > "$f"; done 2>/dev/null
}

# As LabHostTeardown.killAll: v2 cgroup.kill (Linux 5.14) kills a whole subtree, frozen tasks included.
# Elsewhere: freeze (nothing forks, exits or gets its pid reused between reading and signalling), read every
# cgroup.procs below, SIGKILL them, thaw; again until no process is left (at most about 10 s).
round=0
seen=
while [ "$round" -lt 200 ]; do
    for dir in "$@"; do
        [ -d "$dir" ] || continue
        [ -e "$dir/cgroup.kill" ] && echo 1 > "$dir/cgroup.kill" 2>/dev/null
        [ -e "$dir/freezer.state" ] && echo FROZEN > "$dir/freezer.state" 2>/dev/null
        [ -e "$dir/cgroup.freeze" ] && echo 1 > "$dir/cgroup.freeze" 2>/dev/null
        n=0
        while [ "$n" -lt 20 ] && [ "$(cat "$dir/freezer.state" 2>/dev/null)" = FREEZING ]; do
            sleep 0.005 2>/dev/null
            n=$((n + 1))
        done
    done
    pids=
    for dir in "$@"; do
        [ -d "$dir" ] && pids="$pids $(find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null)"
    done
    pids=$(echo $pids)
    [ -n "$pids" ] && kill -9 $pids 2>/dev/null
    [ "$round" -eq 0 ] && seen=$pids
    for dir in "$@"; do
        [ -d "$dir" ] && thaw "$dir"
    done
    [ -z "$pids" ] && break
    sleep 0.05 2>/dev/null || sleep 1
    round=$((round + 1))
done
left=$pids
killed=$(for pid in $seen; do echo "$pid"; done | sort -u | wc -l)

# Anything still in the outside network (normally its web service, already killed above with the cgroup).
for pid in $("$ip" netns pids "$netns" 2>/dev/null); do
    kill -9 "$pid" 2>/dev/null
done

# Empty cgroups, deepest first (rmdir of a cgroup directory removes its files too, man 7 cgroups); a cgroup
# whose last task is still exiting stays busy a moment.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    busy=
    for dir in "$@"; do
        [ -d "$dir" ] || continue
        find "$dir" -depth -type d -exec rmdir {} \; 2>/dev/null
        [ -d "$dir" ] && busy=1
    done
    [ -z "$busy" ] && break
    sleep 0.1 2>/dev/null || sleep 1
done

# The outside network: lab hosts' uplinks went with their namespaces; this one is held by its bind mount.
"$ip" netns del "$netns" 2>/dev/null
if [ "$last" != closing ] || [ "$killed" -gt 0 ] || [ -n "$left$busy" ]; then
    echo "$(date -u '+%F %T') killed $killed processes${left:+, some still left}${busy:+, cgroups still busy}"
fi
