#!/usr/bin/env bash
# Builds the VM job's guest (vm/run.sh): a Debian 12 disk image with systemd as PID 1 on cgroup v2 only, the
# Debian kernel, and a busybox initramfs that loads the kernel's disk and 9p modules and switches to it.
# Everything comes from Debian's packages (debootstrap, the kernel .deb, busybox-static).
#   vm/build-image.sh CACHE_DIR   prints the image directory (vmlinuz, initrd.cpio.gz, rootfs.img, kernel)
# The image is kept in CACHE_DIR/<key>, key = a hash of this script and vm/packages: it is rebuilt only when
# they change (about 3 minutes cold); older images there are removed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:?usage: vm/build-image.sh CACHE_DIR}
mirror=http://deb.debian.org/debian
say() { echo "vm image: $*" >&2; }

key=$(cat "$here/build-image.sh" "$here/packages" | sha256sum | cut -c1-16)
image=$cache/$key
if [ -f "$image/done" ]; then
    say "cached in $image ($(cat "$image/kernel"))"
    echo "$image"
    exit 0
fi
mkdir -p "$cache"
find "$cache" -mindepth 1 -maxdepth 1 -type d ! -name "$key" -exec rm -rf {} +
rm -rf "$image" && mkdir -p "$image"
work=$(mktemp -d /var/tmp/glassbox-vm-build.XXXXXX)
rootfs=$work/rootfs
chroot_mounts=()
cleanup() {
    local m
    for m in "${chroot_mounts[@]}"; do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
started=$SECONDS

# --- the kernel: Debian's current 6.1 image, unpacked; its modules are indexed for the guest ------------
kernel_package=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/.*Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1)
[ -n "$kernel_package" ] || { apt-get update -q >&2; kernel_package=$(apt-cache depends linux-image-amd64 | sed -n 's/.*Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1); }
[ -n "$kernel_package" ] || { say "apt knows no linux-image-amd64 (apt-get update?)"; exit 1; }
(cd "$work" && apt-get download -q "$kernel_package" >&2)
dpkg-deb -x "$work"/"$kernel_package"_*.deb "$work/kernel"
release=${kernel_package#linux-image-}
cp "$work/kernel/boot/vmlinuz-$release" "$image/vmlinuz"
echo "$kernel_package $(dpkg-deb -f "$work"/"$kernel_package"_*.deb Version)" >"$image/kernel"
say "kernel $(cat "$image/kernel") ($((SECONDS - started)) s)"

# --- the root filesystem ------------------------------------------------------------------------------
packages=$(grep -v '^#' "$here/packages" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" >"$image/debootstrap.log" 2>&1 \
    || { tail -n 30 "$image/debootstrap.log" >&2; say "debootstrap failed (log: $image/debootstrap.log)"; exit 1; }
say "debootstrap done ($((SECONDS - started)) s)"
cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
# Security updates, as a workshop's VM would have them (debootstrap takes only bookworm itself).
for m in proc sys dev dev/pts; do
    mount --bind "/$m" "$rootfs/$m" && chroot_mounts=("$rootfs/$m" "${chroot_mounts[@]}")
done
chroot "$rootfs" sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get upgrade -y -q && apt-get clean' \
    >"$image/upgrade.log" 2>&1 || { tail -n 30 "$image/upgrade.log" >&2; say "apt-get upgrade in the image failed"; exit 1; }
for m in "${chroot_mounts[@]}"; do umount "$m"; done
chroot_mounts=()
say "security updates applied ($((SECONDS - started)) s)"

# The modules a lab host and the job need (filesystems, netfilter, veth, bridge, 9p, virtio), not all 300 MB.
modules=lib/modules/$release
mkdir -p "$rootfs/$modules/kernel/drivers"
cp -a "$work/kernel/$modules"/modules.{order,builtin,builtin.modinfo} "$rootfs/$modules/"
for dir in fs net crypto lib arch block drivers/virtio drivers/block drivers/char drivers/net; do
    [ -d "$work/kernel/$modules/kernel/$dir" ] || continue
    mkdir -p "$rootfs/$modules/kernel/$(dirname "$dir")"
    cp -a "$work/kernel/$modules/kernel/$dir" "$rootfs/$modules/kernel/$dir"
done
depmod -b "$rootfs" "$release"

echo glassbox-vm >"$rootfs/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 glassbox-vm\n' >"$rootfs/etc/hosts"
cat >"$rootfs/etc/fstab" <<'FSTAB'
/dev/vda / ext4 rw,relatime 0 1
src /mnt/src 9p trans=virtio,version=9p2000.L,ro,msize=524288,nofail 0 0
out /mnt/out 9p trans=virtio,version=9p2000.L,msize=524288,nofail 0 0
FSTAB
mkdir -p "$rootfs/mnt/src" "$rootfs/mnt/out"
chroot "$rootfs" passwd -dq root
ln -sf /dev/null "$rootfs/etc/systemd/system/serial-getty@ttyS0.service"
# The job: vm/guest-job.sh from the host's checkout (shared read-only at /mnt/src), output on the second
# serial port (a file on the host), then power off.
cat >"$rootfs/etc/systemd/system/glassbox-vm-job.service" <<'UNIT'
[Unit]
Description=Glassbox VM job (vm/guest-job.sh from the host's checkout)
After=multi-user.target mnt-src.mount mnt-out.mount
ConditionPathExists=/mnt/src/vm/guest-job.sh

[Service]
Type=oneshot
ExecStart=/bin/bash /mnt/src/vm/guest-job.sh
ExecStopPost=/bin/systemctl --no-block poweroff
StandardOutput=file:/dev/ttyS1
StandardError=inherit
TimeoutStartSec=infinity

[Install]
WantedBy=multi-user.target
UNIT
ln -sf /etc/systemd/system/glassbox-vm-job.service "$rootfs/etc/systemd/system/multi-user.target.wants/glassbox-vm-job.service"
for timer in apt-daily apt-daily-upgrade e2scrub_all fstrim man-db dpkg-db-backup; do
    ln -sf /dev/null "$rootfs/etc/systemd/system/$timer.timer"
done

# (>&2: mkfs says "Creating regular file" on stdout even with -q, and stdout is this script's answer)
mkfs.ext4 -q -F -L root -d "$rootfs" "$work/rootfs.img" 4G >&2
mv "$work/rootfs.img" "$image/rootfs.img"

# --- the initramfs: busybox, the disk and 9p modules in dependency order, then switch_root to systemd ------
initrd=$work/initrd
mkdir -p "$initrd"/{bin,dev,proc,sys,newroot,modules}
cp "$(command -v busybox)" "$initrd/bin/busybox"
for applet in sh mount umount insmod sleep switch_root cat echo mkdir; do ln -s busybox "$initrd/bin/$applet"; done
order="crc32c-intel crc32c_generic jbd2 mbcache crc16 ext4 virtio_ring virtio virtio_blk virtio_pci_modern_dev
virtio_pci_legacy_dev virtio_pci netfs fscache 9pnet 9p 9pnet_virtio"
{
    echo '#!/bin/sh'
    echo 'mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev'
    for m in $order; do
        ko=$(find "$work/kernel/$modules" -name "$m.ko" | head -n 1)
        if [ -n "$ko" ]; then
            cp "$ko" "$initrd/modules/"
            echo "insmod /modules/$m.ko 2>/dev/null"
        fi
    done
    cat <<'INIT'
for i in 1 2 3 4 5 6 7 8 9 10; do [ -b /dev/vda ] && break; sleep 0.2; done
mount -t ext4 -o rw /dev/vda /newroot || { echo "initrd: cannot mount /dev/vda"; exec sh; }
umount /proc /sys; mount --move /dev /newroot/dev 2>/dev/null || umount /dev
exec switch_root /newroot /sbin/init
INIT
} >"$initrd/init"
chmod 755 "$initrd/init"
(cd "$initrd" && find . | cpio -o -H newc --quiet | gzip -9) >"$image/initrd.cpio.gz"

touch "$image/done"
say "built in $image in $((SECONDS - started)) s ($(du -sh "$image" | cut -f1) on disk)"
echo "$image"
