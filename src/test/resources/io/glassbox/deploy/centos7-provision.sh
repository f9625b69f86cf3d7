#!/usr/bin/env bash
# Runs deploy/provision.sh as on a fresh CentOS 7 machine, as far as this Debian machine can pretend to be one.
# Run by ProvisionCentos7KernelTest inside `unshare --mount --propagation private`, as root:
#   centos7-provision.sh CHECKOUT WORK RUNS
# In this private mount namespace only, /usr and /etc become copy-on-write overlays (upper layers in WORK) that
# look like CentOS 7 to provision.sh: CentOS's os-release, centos-release and yum repositories still pointing
# at mirrorlist.centos.org; no apt-get or dpkg; none of what CentOS 7 lacks (Java 17, tini, a static busybox).
# yum and curl are stubs that record what they were asked for and answer as CentOS 7's base repositories and
# the download sites would. Nothing outside WORK changes, and the namespace's mounts end with this script.
set -euo pipefail
checkout=$1 work=$2 runs=${3:-1}

mkdir -p "$work"/{usr-upper,usr-work,etc-upper,etc-work,log}
mount -t overlay glassbox-centos7-usr -o "lowerdir=/usr,upperdir=$work/usr-upper,workdir=$work/usr-work" /usr
mount -t overlay glassbox-centos7-etc -o "lowerdir=/etc,upperdir=$work/etc-upper,workdir=$work/etc-work" /etc

# --- CentOS 7, as files say it -------------------------------------------------------------------------------
rm -f /etc/os-release /etc/debian_version /etc/lsb-release
cat >/etc/os-release <<'EOF'
NAME="CentOS Linux"
VERSION="7 (Core)"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="7"
PRETTY_NAME="CentOS Linux 7 (Core)"
CPE_NAME="cpe:/o:centos:centos:7"
EOF
echo "CentOS Linux release 7.9.2009 (Core)" >/etc/centos-release
ln -sf centos-release /etc/redhat-release
mkdir -p /etc/yum.repos.d
# The stock file of centos-release-7-9.2009 (base and updates; extras and centosplus alike).
cat >/etc/yum.repos.d/CentOS-Base.repo <<'EOF'
[base]
name=CentOS-$releasever - Base
mirrorlist=http://mirrorlist.centos.org/?release=$releasever&arch=$basearch&repo=os&infra=$infra
#baseurl=http://mirror.centos.org/centos/$releasever/os/$basearch/
gpgcheck=1
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7

[updates]
name=CentOS-$releasever - Updates
mirrorlist=http://mirrorlist.centos.org/?release=$releasever&arch=$basearch&repo=updates&infra=$infra
#baseurl=http://mirror.centos.org/centos/$releasever/updates/$basearch/
gpgcheck=1
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7
EOF

# --- what CentOS 7 does not have -----------------------------------------------------------------------------
rm -f /usr/bin/apt-get /usr/bin/apt /usr/bin/dpkg /usr/bin/dnf
rm -f /usr/bin/java /etc/alternatives/java           # its newest Java is 11
rm -f /usr/bin/tini /usr/bin/tini-static /usr/sbin/tini # not packaged
rm -f /usr/bin/busybox /usr/sbin/busybox             # not in base or updates
# --- stubs: yum answers as CentOS 7's base and updates repositories would; curl as the download sites ---------
mkdir -p /usr/local/bin
cat >/usr/local/bin/yum <<EOF
#!/usr/bin/env bash
# yum install as CentOS 7.9 answers it: installs what its repositories have, "No package X available." for the
# rest, and exit status 1 only when nothing at all could be installed ("Error: Nothing to do").
echo "yum \$*" >>"$work/log/yum.log"
[ "\${1:-}" = install ] || { echo "yum stub: only install is known" >&2; exit 2; }
shift
available=" util-linux iproute iptables procps-ng curl tar gzip "
found=0
for arg in "\$@"; do
    case "\$arg" in -*) continue ;; esac
    if [[ "\$available" == *" \$arg "* ]]; then found=1; else echo "No package \$arg available."; fi
done
[ \$found = 1 ] || { echo "Error: Nothing to do" >&2; exit 1; }
EOF
cat >/usr/local/bin/curl <<EOF
#!/usr/bin/env bash
# curl for the two downloads the yum branch makes: static binaries (-o FILE URL) and the Temurin JRE (to stdout).
echo "curl \$*" >>"$work/log/curl.log"
out= url=
while [ \$# -gt 0 ]; do
    case "\$1" in -o) out=\$2; shift 2 ;; --retry) shift 2 ;; -*) shift ;; *) url=\$1; shift ;; esac
done
case "\$url" in
    https://busybox.net/*/busybox | https://github.com/krallin/tini/*/tini-static-amd64)
        printf '#!/bin/sh\necho "fake %s"\n' "\${url##*/}" >"\$out" ;;
    https://api.adoptium.net/v3/binary/latest/17/ga/linux/x64/jre/hotspot/normal/eclipse)
        cat "$work/temurin.tar.gz" ;;
    *) echo "curl stub: no network here for \$url" >&2; exit 6 ;;
esac
EOF
chmod 755 /usr/local/bin/yum /usr/local/bin/curl
# What api.adoptium.net serves: a tarball with one top directory (provision.sh strips it), holding bin/java.
mkdir -p "$work/temurin/jdk-17.0.13+11-jre/bin"
cat >"$work/temurin/jdk-17.0.13+11-jre/bin/java" <<EOF
#!/bin/sh
# A JRE that says it is 17 and records how it was started.
if [ "\$1" = -version ]; then echo 'openjdk version "17.0.13" 2024-10-15' >&2; else echo "temurin java \$*" >>"$work/log/java.log"; fi
EOF
chmod 755 "$work/temurin/jdk-17.0.13+11-jre/bin/java"
tar -czf "$work/temurin.tar.gz" -C "$work/temurin" "jdk-17.0.13+11-jre"

# --- a built checkout, as provision.sh expects one -----------------------------------------------------------
source=$work/source
mkdir -p "$source/target/quarkus-app" "$source/lessons/01-example"
cp "$checkout/pom.xml" "$checkout/README.md" "$source/"
echo "the built server" >"$source/target/quarkus-app/quarkus-run.jar"
echo "a lesson" >"$source/lessons/01-example/lesson.yaml"

for run in $(seq 1 "$runs"); do
    echo "=== provision.sh run $run"
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C \
        GLASSBOX_SOURCE="$source" GLASSBOX_PREFIX="$work/opt/glassbox" GLASSBOX_CONFIG_DIR="$work/etc/glassbox" \
        GLASSBOX_DATA_DIR="$work/var/lib/glassbox" GLASSBOX_UNIT_DIR="$work/etc/systemd/system" GLASSBOX_START=no \
        bash "$checkout/deploy/provision.sh"
done

# What the test reads once this namespace is gone: files provision.sh wrote into /usr and /etc.
cp /etc/yum.repos.d/CentOS-Base.repo "$work/log/CentOS-Base.repo"
for f in /usr/sbin/busybox /usr/local/bin/tini; do
    [ -x "$f" ] && echo "$f: $("$f")" >>"$work/log/binaries.log"
done
"$work/opt/glassbox/jre/bin/java" -version 2>>"$work/log/binaries.log"
# The unit's ExecStart on a machine with no java on its PATH: it must find the JRE provision.sh downloaded.
env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$work/opt/glassbox/bin/glassbox-server" \
    -Dquarkus.http.port=18295
