#!/usr/bin/env bash
# Installs what Glassbox needs from the OS, on Debian/Ubuntu (apt) or RHEL/CentOS/Fedora (dnf or yum).
# Idempotent: packages already present are left alone. Usage: ci/os-packages.sh [runtime|build|test|bench]
#   runtime  the tools lab hosts use (util-linux, iproute2, iptables, busybox-static, tini, procps, curl,
#            python3-seccomp for the seccomp filter learner processes run under, jq for lesson 20's docker ps)
#   build    runtime + a Java 17 JDK and Maven (+ Node.js and npm for the browser code)
#   test     build + Chromium for the browser test, with a CJK font (without one Chromium draws every Chinese
#            character as an empty box, and the zh-CN page test fails), PostgreSQL for the database tests and
#            HAProxy for the multi-node test (each started by its test on loopback ports of its own; the
#            packages' own services, if they start any, are not used)
#   bench    build + the libraries ttyd 1.7.7 needs, the reference terminal of ./glassbox bench (ttyd itself is
#            not packaged for Debian 12; see docs/benchmarks.md)
set -euo pipefail

level=${1:-build}
[ "$(id -u)" = 0 ] || { echo "glassbox: run this as root (lab hosts need namespaces and cgroups)" >&2; exit 1; }

apt_runtime=(util-linux iproute2 iptables busybox-static tini procps curl python3-seccomp jq)
apt_build=(openjdk-17-jdk-headless maven nodejs npm)
apt_test=(chromium fonts-noto-cjk postgresql haproxy)
# libwebsockets-evlib-uv: ttyd's libwebsockets loads its libuv event loop as a plugin from /usr/lib/x86_64-linux-gnu
apt_bench=(libjson-c5 libuv1 libssl3 libcap2 zlib1g libwebsockets-evlib-uv)
rpm_runtime=(util-linux iproute iptables busybox procps-ng curl jq)
rpm_build=(java-17-openjdk-devel maven nodejs npm)
#   test     build + Chromium for the browser test, with a CJK font (without one Chromium draws every Chinese
#            character as an empty box, and the zh-CN page test fails), PostgreSQL for the database tests and
#            HAProxy for the multi-node test (each started by its test on loopback ports of its own; the
#            packages' own services, if they start any, are not used)
rpm_bench=() # the ttyd binary in ../shared/bench is built on Debian 12; elsewhere build ttyd from source

want() {
    local -n runtime=$1 build=$2 test=$3 bench=$4
    local list=("${runtime[@]}")
    [ "$level" = runtime ] || list+=("${build[@]}")
    [ "$level" = test ] && list+=("${test[@]}")
    [ "$level" = bench ] && list+=("${bench[@]}")
    echo "${list[@]}"
}

# Java, Maven and Node may come from elsewhere (SDKMAN, nvm, a JDK tarball): accept them when they work.
provided_elsewhere() {
    case "$1" in
        openjdk-17-jdk-headless) command -v javac >/dev/null && java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])' ;;
        maven) command -v mvn >/dev/null ;;
        nodejs | npm) command -v npm >/dev/null ;;
        *) return 1 ;;
    esac
}

if command -v apt-get >/dev/null; then
    # shellcheck disable=SC2207
    packages=($(want apt_runtime apt_build apt_test apt_bench))
    missing=()
    for p in "${packages[@]}"; do
        provided_elsewhere "$p" && continue
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "glassbox: installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
elif command -v dnf >/dev/null || command -v yum >/dev/null; then
    pm=$(command -v dnf || command -v yum)
    # shellcheck disable=SC2207
    packages=($(want rpm_runtime rpm_build rpm_test rpm_bench))
    "$pm" install -y -q "${packages[@]}"
    # tini and a static busybox are not packaged everywhere; vagrant/provision.sh covers those systems.
else
    echo "glassbox: no apt-get, dnf or yum here; install these by hand: ${apt_runtime[*]}" >&2
    exit 1
fi
