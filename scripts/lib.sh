# Shared helpers for Inkwell's scripts. Source it; it defines functions and one constant.
# shellcheck shell=bash

# Debian 12's PostgreSQL 15 programs (initdb, pg_ctl, pgbench...), which are not on PATH.
# shellcheck disable=SC2034  # used by the scripts that source this file
readonly PG_BIN=/usr/lib/postgresql/15/bin

# Messages go to standard error, prefixed with the calling script's name.
log() {
    printf '%s: %s\n' "$(basename "$0")" "$*" >&2
}

die() {
    log "$*"
    exit "${DIE_STATUS:-1}"
}

# Prints the home of a JDK 21 or newer: $JAVA_HOME when it is one, else the newest under /usr/lib/jvm.
find_java() {
    local candidate candidates=()
    mapfile -t candidates < <(printf '%s\n' /usr/lib/jvm/*/ | sort -rV)
    for candidate in "${JAVA_HOME:-}" "${candidates[@]}"; do
        candidate="${candidate%/}"
        if [[ -n "$candidate" && -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] \
            && (( $(java_feature_version "$candidate/bin/java") >= 21 )); then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    DIE_STATUS=3 die "Inkwell needs a JDK 21 or newer and found none (JAVA_HOME, /usr/lib/jvm).
Debian 12 ships only JDK 17: install Temurin 21+ from Adoptium's apt repository
(https://adoptium.net/installation/linux/), or unpack any JDK 21+ and set JAVA_HOME to it."
}

java_feature_version() {
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1 | grep . || echo 0
}

# Installs the Debian packages that are missing (apt-get update once, first).
ensure_packages() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    (( ${#missing[@]} == 0 )) && return 0
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
        sudo=(sudo)
    fi
    log "installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Prints a TCP port on 127.0.0.1 that no socket uses now.
free_port() {
    free_ports 1
}

# Prints the first of $1 consecutive TCP ports on 127.0.0.1 that no socket uses now. They are taken
# below the kernel's range of ephemeral ports, so an outgoing connection cannot take one before the
# server binds it. Scripts often take several ports before binding any, so a port handed out in the
# last ten minutes (by any script of this user, in a record kept under TMPDIR) is not handed out again.
free_ports() {
    local count="$1" low record now
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range
    (( low > 12000 )) || die "the ephemeral port range starts at $low; no room below it for test ports"
    record="${TMPDIR:-/tmp}/inkwell-free-ports.$(id -u)"
    now="$(date +%s)"
    (
        flock 9
        local port recent i
        recent="$(awk -v since=$((now - 600)) '$2 >= since' "$record" 2>/dev/null || true)"
        for _ in $(seq 1 100); do
            port=$((10000 + RANDOM % (low - 10000 - count)))
            for ((i = 0; i < count; i++)); do
                if grep -q "^$((port + i)) " <<<"$recent" || [[ -n "$(ss -Htan "sport = :$((port + i))" 2>/dev/null)" ]]; then
                    continue 2
                fi
            done
            {
                [[ -z "$recent" ]] || printf '%s\n' "$recent"
                for ((i = 0; i < count; i++)); do
                    printf '%s %s\n' "$((port + i))" "$now"
                done
            } >"$record.new"
            mv "$record.new" "$record"
            printf '%s\n' "$port"
            exit 0
        done
        exit 1
    ) 9>>"$record.lock" || die "no free port found"
}

# Runs a command until it succeeds, for at most $1 seconds (it is tried once a second).
wait_until() {
    local seconds="$1" deadline
    shift
    deadline=$((SECONDS + seconds))
    until "$@" 2>/dev/null; do
        (( SECONDS < deadline )) || return 1
        sleep 1
    done
}

# Waits until a URL answers with a success status, for at most $2 seconds.
wait_for_url() {
    local url="$1" seconds="${2:-30}" deadline
    deadline=$((SECONDS + seconds))
    until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
        (( SECONDS < deadline )) || return 1
        sleep 0.2
    done
}
