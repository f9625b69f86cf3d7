#!/bin/bash
# The VM job, inside the guest (vm/run.sh boots it; glassbox-vm-job.service runs this as root at boot, with
# stdout on the second serial port, which is target/vm-job/job.log on the host). The checkout is at /mnt/src
# (read-only), the job's directory at /mnt/out: job.env says which parts run, classes/ holds VmClient, and
# the result goes to /mnt/out/result. Each part prints what it saw and PASS or FAIL; a failed part does not
# stop the parts after it, except when the server never became ready.
set -uo pipefail
# bash reads a script as it runs: run a copy, so an edit of the checkout meanwhile cannot change the job.
if [ -z "${GLASSBOX_VM_COPY:-}" ]; then
    cp "$0" /run/glassbox-vm-job.sh && GLASSBOX_VM_COPY=1 exec bash /run/glassbox-vm-job.sh
fi
src=/mnt/src
out=/mnt/out
# shellcheck source=/dev/null
. "$out/job.env"
url=http://localhost:8080
service_cgroup() { echo "/sys/fs/cgroup$(systemctl show -p ControlGroup --value glassbox.service)"; }
client() { java -XX:TieredStopAtLevel=1 -cp "$out/classes" VmClient "$url" "$@"; }
summary=()
failed=0

part() { # name command...
    local name=$1 started=$SECONDS status
    shift
    echo
    echo "=== $name"
    "$@"
    status=$?
    local result=PASS
    [ $status = 0 ] || { result=FAIL; failed=1; }
    echo "--- $name: $result ($((SECONDS - started)) s)"
    summary+=("$(printf '| %-34s | %-4s | %5d s |' "$name" "$result" $((SECONDS - started)))")
    return $status
}

wants() { [[ ",$GLASSBOX_VM_PARTS," == *",$1,"* ]]; }

ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/q/health/ready")" = 200 ]; }

await_ready() { # seconds
    local until=$((SECONDS + $1))
    until ready; do
        [ $SECONDS -lt $until ] || { echo "not ready within $1 s"; journalctl -u glassbox.service -n 30 --no-pager -o cat; return 1; }
        sleep 2
    done
}

# What a server leaves on the machine: cgroups beneath the service's, veth links (also in named network
# namespaces, where lab hosts' uplinks end), network namespaces, mounts,
# processes in the service's cgroups, session state files. A server at rest (its warm lab hosts started) has a
# fixed amount of each; after deleting sessions or restarting, the same amount must be back.
leftovers() {
    local cg
    cg=$(service_cgroup)
    echo "cgroups=$(find "$cg" -mindepth 1 -type d 2>/dev/null | wc -l)" \
        "veths=$({ ip -o link show type veth; for ns in $(ip netns list | cut -d' ' -f1); do ip -n "$ns" -o link show type veth; done; } | wc -l)" \
        "netns=$(lsns -n -t net | wc -l)" \
        "mounts=$(wc -l </proc/self/mountinfo)" \
        "processes=$(find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null | wc -l)" \
        "statefiles=$(find /var/lib/glassbox/sessions -name '*.json' 2>/dev/null | wc -l)"
}

# Waits until the server is at rest: its warm pool full (glassbox.sessions.warm, 2 by default, which
# provision.sh keeps; warm lab hosts are started at a lower priority, so on this one-CPU guest the second may
# still be starting when the service reports ready) and nothing changing between two looks.
at_rest() {
    local until=$((SECONDS + 240)) warm before
    while :; do
        warm=$(curl -s "$url/q/metrics" | awk '/^glassbox_sessions_warm /{print int($2)}')
        before=$(leftovers)
        sleep 3
        [ "${warm:-0}" -ge 2 ] && [ "$(leftovers)" = "$before" ] && return 0
        [ $SECONDS -lt $until ] || { echo "not at rest after 240 s: warm=$warm, $before"; return 1; }
    done
}

# Waits until leftovers are back at the baseline (the warm pool refills after a restart); prints both.
back_at_baseline() { # what
    local now until=$((SECONDS + 240))
    while now=$(leftovers); [ "$now" != "$baseline" ]; do
        if [ $SECONDS -ge $until ]; then
            echo "after $1: $now"
            echo "baseline:     $baseline  (NOT back after 240 s)"
            return 1
        fi
        sleep 3
    done
    echo "after $1: $now (= baseline)"
}

# Pid and start time of every process in the service's cgroups but the server's own: the lab hosts.
lab_processes() {
    local main pid
    main=$(systemctl show -p MainPID --value glassbox.service)
    for pid in $(find "$(service_cgroup)" -name cgroup.procs -exec cat {} + 2>/dev/null); do
        [ "$pid" = "$main" ] || echo "$pid $(cut -d' ' -f22 "/proc/$pid/stat" 2>/dev/null)"
    done
}

none_alive() { # file of "pid starttime"
    local pid start alive=0
    while read -r pid start; do
        [ -n "$start" ] && [ "$(cut -d' ' -f22 "/proc/$pid/stat" 2>/dev/null)" = "$start" ] && alive=$((alive + 1))
    done <"$1"
    echo "$(wc -l <"$1") lab host processes before, $alive of them still alive"
    [ $alive = 0 ]
}

guest() {
    echo "kernel $(uname -r); $(stat -fc %T /sys/fs/cgroup) at /sys/fs/cgroup; controllers: $(cat /sys/fs/cgroup/cgroup.controllers)"
    echo "$(systemctl --version | head -n 1); $(nproc) CPU, $(free -m | awk '/Mem:/ {print $2}') MiB; booted in $(cut -d' ' -f1 /proc/uptime) s"
    echo "$(java -version 2>&1 | head -n 1)"
    [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ] && [ "$(ps -p 1 -o comm=)" = systemd ]
}

provision() {
    # As a workshop would, from the checkout (its target/ holds the build vm/run.sh made). One setting only:
    # every session here comes from one address, faster than the admission limits allow a person.
    mkdir -p /etc/systemd/system/glassbox.service.d
    printf '[Service]\nEnvironment=GLASSBOX_ADMISSION_PER_ADDRESS_BURST=1000\n' >/etc/systemd/system/glassbox.service.d/vm-job.conf
    GLASSBOX_SOURCE=$src GLASSBOX_READY_TIMEOUT=900 "$src/deploy/provision.sh" \
        && systemctl is-enabled glassbox.service && systemctl show -p Delegate -p ActiveState -p ControlGroup glassbox.service
}

probe() {
    local health report
    health=$(curl -s "$url/q/health/ready")
    echo "/q/health/ready: $health"
    # The latest start's report: from "Glassbox host probe" to its isolation line, and the confinement line.
    report=$(journalctl -u glassbox.service -o cat --no-pager | sed -n '/Glassbox host probe$/,/^ *isolation/p' | tail -n 14
        journalctl -u glassbox.service -o cat --no-pager | grep 'learner processes run under' | tail -n 1)
    echo "$report"
    local ok=0
    grep -Eq '"isolation" *: *"userns"' <<<"$health" || { echo "FAIL: isolation is not userns"; ok=1; }
    grep -Eiq '^ *cgroups +yes +driver v2' <<<"$report" || { echo "FAIL: the probe does not say cgroup v2"; ok=1; }
    grep -q 'learner processes run under: no_new_privs and a seccomp filter' <<<"$report" \
        || { echo "FAIL: learner processes are not confined by seccomp"; ok=1; }
    return $ok
}

lessons() { client lessons "$GLASSBOX_VM_LESSONS"; }

attacks() { client attacks "$(service_cgroup)"; }

cycles() {
    echo "before: $(leftovers)"
    client cycles 20 && back_at_baseline "20 cycles"
}

restart_check() { # how: restart or kill
    client create 2 /tmp/sessions.txt || return 1
    lab_processes >/tmp/labs.txt
    echo "before: $(leftovers)"
    if [ "$1" = restart ]; then
        systemctl restart glassbox.service
    else
        systemctl kill -s KILL glassbox.service
        sleep 1
        systemctl start glassbox.service
    fi
    echo "$(systemctl show -p ActiveState -p NRestarts -p ExecMainStatus glassbox.service | tr '\n' ' ')"
    await_ready 900 || return 1
    local ok=0
    none_alive /tmp/labs.txt || ok=1
    client gone /tmp/sessions.txt || ok=1
    back_at_baseline "$1" || ok=1
    journalctl -u glassbox.service -o cat --no-pager --since "-10min" | grep -Ei 'swept|sweep' | tail -n 3
    return $ok
}

echo "VM job: guest up after $(cut -d' ' -f1 /proc/uptime) s; parts: $GLASSBOX_VM_PARTS"
job_started=$SECONDS
part "guest: cgroup v2, systemd as PID 1" guest
if part "provision.sh + systemctl enable --now" provision; then
    at_rest
    baseline=$(leftovers)
    echo "baseline at rest: $baseline"
    ! wants probe || part "host probe: cgroup v2, userns, seccomp" probe
    ! wants lessons || part "lessons ($GLASSBOX_VM_LESSONS)" lessons
    ! wants attacks || part "resource attacks" attacks
    ! wants cycles || part "20 create/destroy cycles, no leak" cycles
    ! wants restart || part "systemctl restart: all swept" restart_check restart
    ! wants kill || part "systemctl kill -s KILL + start: swept" restart_check kill
fi
journalctl -u glassbox.service -o short-monotonic --no-pager >"$out/glassbox-journal.log" 2>&1
echo
echo "| part | result | time |"
echo "|---|---|---|"
printf '%s\n' "${summary[@]}"
echo "guest job: $((SECONDS - job_started)) s"
if [ $failed = 0 ]; then echo PASS >"$out/result"; else echo FAIL >"$out/result"; fi
sync
