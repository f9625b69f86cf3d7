#!/usr/bin/env bash
# Installs Glassbox as a systemd service, on Debian/Ubuntu (apt) or CentOS/RHEL/Fedora (dnf or yum), as root.
# Idempotent: run it again after pulling to update; configuration in /etc/glassbox is never overwritten.
# vagrant/Vagrantfile runs it in each VM; on any other machine run it from a checkout:
#   sudo deploy/provision.sh
#
# Environment (all optional):
#   GLASSBOX_SOURCE      the repository (default: the checkout this script is in). Its target/quarkus-app is
#                        installed if it was built (./glassbox test or mvn package); otherwise it is built here.
#   GLASSBOX_PREFIX      install directory (/opt/glassbox): app/, bin/, lessons/, jre/ (if downloaded)
#   GLASSBOX_CONFIG_DIR  configuration (/etc/glassbox): glassbox.env, and lessons/ for instructors' own lessons
#   GLASSBOX_DATA_DIR    the server's data dir (/var/lib/glassbox)
#   GLASSBOX_UNIT_DIR    where the systemd unit goes (/etc/systemd/system)
#   GLASSBOX_ISOLATION   written to a new glassbox.env: auto (default), userns or privileged
#   GLASSBOX_MAX_SESSIONS  written to a new glassbox.env (default: the server's, 16)
#   GLASSBOX_START       yes (default): enable and (re)start the service and wait until it is ready;
#                        no: install only (also what happens where systemd is not running)
#   GLASSBOX_READY_TIMEOUT  seconds to wait for the started service to answer ready (120; a slow VM needs more)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_dir=${GLASSBOX_SOURCE:-$(dirname "$here")}
prefix=${GLASSBOX_PREFIX:-/opt/glassbox}
config_dir=${GLASSBOX_CONFIG_DIR:-/etc/glassbox}
data_dir=${GLASSBOX_DATA_DIR:-/var/lib/glassbox}
unit_dir=${GLASSBOX_UNIT_DIR:-/etc/systemd/system}
start=${GLASSBOX_START:-yes}
ready_timeout=${GLASSBOX_READY_TIMEOUT:-120}

say() { echo "glassbox provision: $*"; }
fail() { echo "glassbox provision: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run this as root"
[ -f "$source_dir/pom.xml" ] || fail "$source_dir is not a Glassbox checkout (set GLASSBOX_SOURCE)"

# --- OS packages ------------------------------------------------------------------------------------------

java_ok() { "$1" -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; }

centos7_vault() {
    # CentOS 7 is end-of-life: its mirrors moved to vault.centos.org.
    if grep -qs 'release 7' /etc/centos-release && grep -qs '^mirrorlist=http://mirrorlist.centos.org' /etc/yum.repos.d/CentOS-*.repo; then
        say "pointing CentOS 7's repositories at vault.centos.org"
        sed -i -e 's|^mirrorlist=|#mirrorlist=|' -e 's|^#\?baseurl=http://mirror.centos.org|baseurl=http://vault.centos.org|' \
            /etc/yum.repos.d/CentOS-*.repo
    fi
}

# Lab hosts build their containers from a statically linked busybox (ldd fails on a static binary).
static_busybox() {
    local b
    for b in /usr/bin/busybox /bin/busybox /usr/sbin/busybox; do
        [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1 && return 0
    done
    return 1
}

# Static binaries for distributions that package neither (CentOS 7): tini and a static busybox.
fetch_binary() { # name url target
    [ -x "$3" ] && return 0
    say "downloading $1 from $2"
    curl -fsSL --retry 3 -o "$3.tmp" "$2" && chmod 755 "$3.tmp" && mv "$3.tmp" "$3"
}

install_packages() {
    if command -v apt-get >/dev/null; then
        "$source_dir/ci/os-packages.sh" runtime
        if ! { command -v java >/dev/null && java_ok java; }; then
            say "installing a Java 17 runtime"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless \
                || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless; }
        fi
    elif command -v dnf >/dev/null || command -v yum >/dev/null; then
        centos7_vault
        local pm
        pm=$(command -v dnf || command -v yum)
        "$pm" install -y -q util-linux iproute iptables procps-ng curl tar gzip
        # libseccomp's Python binding for the seccomp filter learner processes run under (not on CentOS 7:
        # Glassbox then runs them unfiltered and says so at start-up).
        "$pm" install -y -q python3-libseccomp 2>/dev/null || say "no python3-libseccomp here: lab hosts will run without a seccomp filter"
        static_busybox || "$pm" install -y -q busybox 2>/dev/null || true
        static_busybox || fetch_binary busybox \
            https://busybox.net/downloads/binaries/1.35.0-x86_64-linux-musl/busybox /usr/sbin/busybox
        command -v tini >/dev/null || fetch_binary tini \
            https://github.com/krallin/tini/releases/download/v0.19.0/tini-static-amd64 /usr/local/bin/tini
        if ! { command -v java >/dev/null && java_ok java; } && ! [ -x "$prefix/jre/bin/java" ]; then
            if ! "$pm" install -y -q java-17-openjdk-headless 2>/dev/null; then
                # CentOS 7 has no Java 17 package: Eclipse Temurin's runtime, into the install directory.
                say "installing Eclipse Temurin 17 (JRE) into $prefix/jre"
                mkdir -p "$prefix/jre"
                curl -fsSL --retry 3 "https://api.adoptium.net/v3/binary/latest/17/ga/linux/x64/jre/hotspot/normal/eclipse" \
                    | tar -xz -C "$prefix/jre" --strip-components=1
            fi
        fi
    else
        fail "no apt-get, dnf or yum here: install util-linux, iproute2, iptables, a static busybox, tini, procps, curl and Java 17 by hand"
    fi
}

# --- the application --------------------------------------------------------------------------------------

build_if_needed() {
    if [ ! -f "$source_dir/target/quarkus-app/quarkus-run.jar" ]; then
        say "no build in $source_dir/target: building (Maven, Node.js)"
        (cd "$source_dir" && ci/os-packages.sh build && mvn -B -q -ntp package -DskipTests)
    fi
}

# Copies a directory only when its content changed; says whether it did (for the restart decision).
sync_dir() { # from to
    local from=$1 to=$2
    if [ -d "$to" ] && diff -rq "$from" "$to" >/dev/null 2>&1; then
        return 1
    fi
    rm -rf "$to.new"
    mkdir -p "$(dirname "$to")"
    cp -a "$from" "$to.new"
    rm -rf "$to"
    mv "$to.new" "$to"
    return 0
}

# Installs one file with the given mode only when its content changed; says whether it did.
install_if_changed() { # mode from to
    local mode=$1 from=$2 to=$3
    if cmp -s "$from" "$to"; then
        return 1
    fi
    install -m "$mode" "$from" "$to"
}

install_app() {
    changed=no
    mkdir -p "$prefix/bin" "$config_dir/lessons" "$data_dir"
    # Lab hosts (other uids) must reach their directories inside it: searchable, not listable.
    chmod 711 "$data_dir"
    sync_dir "$source_dir/target/quarkus-app" "$prefix/app" && changed=yes
    sync_dir "$source_dir/lessons" "$prefix/lessons" && changed=yes
    install_if_changed 755 "$here/glassbox-server" "$prefix/bin/glassbox-server" && changed=yes
    install_if_changed 644 "$here/jvm-options" "$prefix/bin/jvm-options" && changed=yes
    install -m 644 "$source_dir/README.md" "$prefix/README.md"

    if [ ! -f "$config_dir/glassbox.env" ]; then
        say "writing $config_dir/glassbox.env"
        local sessions_line="#GLASSBOX_SESSIONS_MAX=16"
        [ -n "${GLASSBOX_MAX_SESSIONS:-}" ] && sessions_line="GLASSBOX_SESSIONS_MAX=$GLASSBOX_MAX_SESSIONS"
        cat >"$config_dir/glassbox.env" <<ENV
# Glassbox settings: every glassbox.* property of README.md ("Configuration") as an environment variable
# (upper case, dots and dashes as underscores). Restart after a change: systemctl restart glassbox
GLASSBOX_SANDBOX_ISOLATION=${GLASSBOX_ISOLATION:-auto}
#QUARKUS_HTTP_PORT=8080
$sessions_line
#GLASSBOX_SANDBOX_MEMORY=512M
#GLASSBOX_WEB_ALLOWED_ORIGINS=https://lab.example.org
ENV
    fi

    # The unit, with the paths chosen here.
    local unit
    unit=$(sed -e "s|/opt/glassbox|$prefix|g" -e "s|/etc/glassbox|$config_dir|g" -e "s|/var/lib/glassbox|$data_dir|g" \
        "$here/glassbox.service")
    mkdir -p "$unit_dir"
    if [ "$unit" != "$(cat "$unit_dir/glassbox.service" 2>/dev/null)" ]; then
        printf '%s\n' "$unit" >"$unit_dir/glassbox.service"
        changed=yes
    fi
}

start_service() {
    if [ "$start" != yes ]; then
        say "installed in $prefix (not started: GLASSBOX_START=$start)"
        return
    fi
    if [ "$(ps -p 1 -o comm= 2>/dev/null)" != systemd ]; then
        say "installed in $prefix; systemd is not running here, so start it with $prefix/bin/glassbox-server"
        return
    fi
    systemctl daemon-reload
    systemctl enable -q glassbox.service
    if [ "$changed" = yes ] || ! systemctl -q is-active glassbox.service; then
        say "(re)starting glassbox.service"
        systemctl restart glassbox.service
    fi
    local port
    port=$(sed -n 's/^QUARKUS_HTTP_PORT=\([0-9]*\).*/\1/p' "$config_dir/glassbox.env" | tail -n 1)
    port=${port:-8080}
    for _ in $(seq 1 "$ready_timeout"); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/q/health/ready")" = 200 ]; then
            say "Glassbox is ready on http://localhost:$port/"
            return
        fi
        sleep 1
    done
    journalctl -u glassbox.service -n 40 --no-pager >&2 || true
    fail "glassbox.service did not become ready within $ready_timeout s (journalctl -u glassbox.service; a slow machine: GLASSBOX_READY_TIMEOUT=300)"
}

install_packages
build_if_needed
install_app
start_service
