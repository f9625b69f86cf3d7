#!/usr/bin/busybox sh
# Prepares, as the machine's root in a mount namespace of its own, the mounts a lab host gets read-only,
# then execs the rest of its command line (which enters the lab's user namespace and starts lab-init.sh).
#
# Why a separate, more privileged step: the kernel locks the flags of every mount that a less privileged
# user namespace inherits ("MNT_LOCK_READONLY", man 7 mount_namespaces, "Restrictions on mount
# namespaces"). A read-only bind made here is copied into the lab's mount namespace (owned by the lab's
# user namespace) with its read-only flag locked, so `mount -o remount,rw` of /usr, /images or
# /sys/fs/cgroup fails in the lab with EPERM, and so do mount_setattr(2) and open_tree(2) clones. A bind
# made inside the lab by the lab's own root would not be locked.
#
# Inputs (environment, passed on to lab-init.sh):
#   GB_STAGE     an empty host directory to mount the staging tmpfs on (only this mount namespace sees it)
#   GB_IMAGES    container images to copy (owned by the lab's root, read-only in the lab)
#   GB_UID_BASE  the machine uid of the lab's root (0 in privileged mode)
#   GB_CGROUPS   "name=/host/cgroup/dir ..." to bind under /sys/fs/cgroup ("=dir" for cgroup v2)
# Output: as lab-init.sh: on failure, "glassbox-lab-error: <step>" on stderr; exit 1.
set -u

fail() {
    echo "glassbox-lab-error: $*" >&2
    exit 1
}

step() {
    what=$1
    shift
    "$@" || fail "$what"
}

# readonly_bind SOURCE TARGET: TARGET shows SOURCE, read-only (remount of a bind changes only the bind).
readonly_bind() {
    step "bind $1 at $2" mount --rbind "$1" "$2"
    step "make $2 read-only" mount -o remount,bind,ro "$2"
}

S=$GB_STAGE
step "mount the staging tmpfs" mount -t tmpfs -o size=64m,nr_inodes=16384,mode=0755,nosuid glassbox-stage "$S"

# The machine's software: /usr, and /bin, /lib... where they are directories rather than links into /usr.
mkdir "$S/usr" || fail "create $S/usr"
readonly_bind /usr "$S/usr"
for d in bin sbin lib lib32 lib64 libx32; do
    if [ -d "/$d" ] && [ ! -L "/$d" ]; then
        mkdir "$S/$d" || fail "create $S/$d"
        readonly_bind "/$d" "$S/$d"
    fi
done

# Container images: copied (so they belong to the lab's root, which overlay copy-up and whiteouts need in
# the lab's user namespace), then read-only.
mkdir "$S/images" || fail "create $S/images"
CP=/usr/bin/cp
[ -x "$CP" ] || CP=/bin/cp
step "copy the container images" "$CP" -R --preserve=mode,timestamps,links "$GB_IMAGES/." "$S/images/"
if [ "$GB_UID_BASE" != 0 ]; then
    step "give the images to the lab's root" chown -hR "$GB_UID_BASE:$GB_UID_BASE" "$S/images"
fi
readonly_bind "$S/images" "$S/images"

# The lab's cgroups: v1 as a read-only tmpfs holding one bind per controller, v2 as one bind.
mkdir "$S/cgroup" || fail "create $S/cgroup"
cgroup_tmpfs=
for entry in $GB_CGROUPS; do
    name=${entry%%=*}
    dir=${entry#*=}
    if [ -z "$name" ]; then
        step "bind the lab's cgroup (v2)" mount --bind "$dir" "$S/cgroup"
        continue
    fi
    if [ -z "$cgroup_tmpfs" ]; then
        step "mount the cgroup tmpfs" mount -t tmpfs -o size=64k,mode=0755 cgroup "$S/cgroup"
        cgroup_tmpfs=yes
    fi
    mkdir "$S/cgroup/$name" || fail "create $S/cgroup/$name"
    step "bind the lab's $name cgroup" mount --bind "$dir" "$S/cgroup/$name"
done
if [ -n "$cgroup_tmpfs" ]; then
    step "make the cgroup tmpfs read-only" mount -o remount,bind,ro "$S/cgroup"
fi

exec "$@"
