#!/usr/bin/env bash
# The VM job: proves the modern-Linux path (README, "What is proven where"). Boots a Debian 12 guest with
# systemd as PID 1 and cgroup v2 only under QEMU, and in it installs this checkout's build with
# deploy/provision.sh as a workshop would, then runs vm/guest-job.sh's parts against the installed service.
#   vm/run.sh    (or ./glassbox vm; ./glassbox test runs it after mvn verify)
# Environment (all optional):
#   GLASSBOX_VM_PARTS    comma-separated parts (default: all): probe,lessons,attacks,cycles,restart,kill
#   GLASSBOX_VM_LESSONS  the lessons the guest proves (default: the ones on cgroups (20 through lesson 15's script), and 02 and 10)
#   GLASSBOX_VM_CACHE    where the guest image is kept between runs (/var/cache/glassbox-vm, about 800 MB)
#   GLASSBOX_VM_TIMEOUT  seconds before the guest is stopped and the job fails (2700)
# Exit status: 0 passed, 1 failed, 2 skipped because this machine cannot run it (the reason is printed).
# Logs: target/vm-job/job.log (the guest job's output, also printed here), console.log (the guest's console),
# glassbox-journal.log (the service's journal).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/vm-job
cache=${GLASSBOX_VM_CACHE:-/var/cache/glassbox-vm}
timeout=${GLASSBOX_VM_TIMEOUT:-2700}
say() { echo "glassbox vm: $*"; }
skip() { say "SKIPPED: $*"; exit 2; }
started=$SECONDS

[ "$(id -u)" = 0 ] || skip "needs root (debootstrap and a chroot build the guest image)"
[ "$(uname -m)" = x86_64 ] || skip "the guest is an x86_64 Debian; this machine is $(uname -m)"
command -v apt-get >/dev/null || skip "the guest image is built from Debian packages, and this machine has no apt-get"
tools=(qemu-system-x86 debootstrap e2fsprogs cpio busybox-static kmod)
missing=()
for p in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >/dev/null \
        || skip "could not install ${missing[*]} from apt"
fi
qemu-system-x86_64 -accel help 2>/dev/null | grep -qx tcg || skip "this QEMU has no TCG (software emulation)"

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    say "no build in target/: building it (mvn package)"
    mvn -B -q -ntp package -DskipTests
fi
image=$(vm/build-image.sh "$cache")
say "image ready after $((SECONDS - started)) s: $image ($(cat "$image/kernel"))"

rm -rf "$out" && mkdir -p "$out/classes"
javac --release 17 -d "$out/classes" vm/VmClient.java
cat >"$out/job.env" <<ENV
GLASSBOX_VM_PARTS=${GLASSBOX_VM_PARTS:-probe,lessons,attacks,cycles,restart,kill}
GLASSBOX_VM_LESSONS=${GLASSBOX_VM_LESSONS:-02-uts-namespace,07-cgroup-memory,08-cgroup-pids-cpu,09-freezer,10-overlayfs,15-capstone-docker-run,17-devices-io-cgroups,20-daemon-api}
ENV
touch "$out/job.log"

# Single-threaded TCG (-smp 1): multi-threaded TCG crashed JIT-compiled Java code in 6 of 34 runs here
# (../shared/VM-NOTES.md). No network device: the guest reaches nothing outside itself. The image is used
# with snapshot=on, so the cached image is never written. The checkout is shared read-only.
qemu-system-x86_64 -accel tcg -cpu max -smp 1 -m 3072 -display none -no-reboot -monitor none \
    -kernel "$image/vmlinuz" -initrd "$image/initrd.cpio.gz" \
    -append 'console=ttyS0 root=/dev/vda rw systemd.unified_cgroup_hierarchy=1 quiet panic=-1' \
    -drive "file=$image/rootfs.img,if=virtio,format=raw,cache=unsafe,snapshot=on" \
    -virtfs "local,path=$PWD,mount_tag=src,security_model=none,readonly=on" \
    -virtfs "local,path=$PWD/$out,mount_tag=out,security_model=none" \
    -serial "file:$out/console.log" -serial "file:$out/job.log" -nic none &
qemu=$!
stop_guest() { kill "$qemu" 2>/dev/null || true; wait "$qemu" 2>/dev/null || true; }
trap stop_guest EXIT
say "guest booting (QEMU pid $qemu, TCG, 1 CPU); the job's output follows"
tail -n +1 -F "$out/job.log" --pid="$qemu" 2>/dev/null &
follower=$!
deadline=$((SECONDS + timeout))
while kill -0 "$qemu" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 2; done
timed_out=no
if kill -0 "$qemu" 2>/dev/null; then
    timed_out=yes
    stop_guest
fi
wait "$follower" 2>/dev/null || true
trap - EXIT
wait "$qemu" 2>/dev/null || true

result=$(cat "$out/result" 2>/dev/null || echo none)
if [ "$timed_out" = yes ]; then
    say "the guest was still running after $timeout s and was stopped; the end of its console:"
    tail -n 20 "$out/console.log"
    result=FAIL
elif [ "$result" = none ]; then
    say "the guest stopped without a result; the end of its console ($out/console.log):"
    tail -n 20 "$out/console.log"
fi
say "VM JOB: ${result/none/FAIL} in $((SECONDS - started)) s (logs in $out)"
[ "$result" = PASS ]
