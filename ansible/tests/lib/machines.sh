# The machines of the tests on fresh Debian 12 machines (ansible/tests/e2e/run, ansible/tests/ha/run):
# a cached root filesystem, machines booted with systemd-nspawn on a bridge of the test's own with
# NAT for DNS and web only, SSH into them, the tear-down of what this run or an earlier killed run
# left, the pgBackRest repository's HTTPS s3proxy, and the pass/fail bookkeeping of the checks.
# Source it after scripts/lib.sh and backup/tests/lib.sh; it defines functions only.
#
# The caller sets (readonly constants): NET (the first three octets of the test network), MACHINES
# (names), ADDRESS (name -> address), MIRROR, WORK_PREFIX, BRIDGE_PREFIX, TABLE_PREFIX, VETH_PREFIX
# (what nspawn names the host's ends of the machines' links), PITR_S3_NAME, PITR_S3_PORT,
# PITR_S3_BUCKET, TEST_CA_NAME, LOGS_DIR; and the run's variables work, bridge, table, cache,
# rootfs, check_log, passed, failed, pids and namespaces.
# shellcheck shell=bash
# shellcheck disable=SC2154

# A minimal Debian 12 with systemd, SSH and Python, made once and kept as a tarball.
build_rootfs() {
    [[ -s "$rootfs" ]] && return 0
    log "building the Debian 12 root filesystem (once; cached in $cache)"
    local dir="$work/rootfs"
    mkdir -p "$dir" "$cache"
    debootstrap --variant=minbase \
        --include=systemd,systemd-sysv,dbus,openssh-server,python3,sudo,iproute2,ca-certificates,curl,procps \
        bookworm "$dir" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log" >&2; DIE_STATUS=2 die "debootstrap failed"; }
    cat >"$dir/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
    chroot "$dir" systemctl enable systemd-networkd ssh >/dev/null 2>&1
    # Every machine made from this gets its own identity at first boot.
    : >"$dir/etc/machine-id"
    rm -f "$dir"/etc/ssh/ssh_host_*
    # A partial file of this run's own: both tests may build it at once (CI runs them side by side).
    tar -C "$dir" -I 'zstd -T0 -3' -cf "$rootfs.partial.$$" .
    mv "$rootfs.partial.$$" "$rootfs"
    rm -rf "$dir"
}

create_machine() {
    local name="$1" dir="$work/machines/$1"
    mkdir -p "$dir"
    tar -C "$dir" -I zstd -xf "$rootfs"
    printf '%s\n' "$name" >"$dir/etc/hostname"
    {
        printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$name"
        printf '%s %s\n' "$NET.1" "$PITR_S3_NAME"
        for other in "${MACHINES[@]}"; do printf '%s %s\n' "${ADDRESS[$other]}" "$other"; done
    } >"$dir/etc/hosts"
    cat >"$dir/etc/systemd/network/10-host0.network" <<EOF
[Match]
Name=host0

[Network]
Address=${ADDRESS[$name]}/24
Gateway=$NET.1
EOF
    cp /etc/resolv.conf "$dir/etc/resolv.conf"
    install -d -m 0700 "$dir/root/.ssh"
    install -m 0600 "$work/id_ed25519.pub" "$dir/root/.ssh/authorized_keys"
    chroot "$dir" ssh-keygen -A >/dev/null
}

# Boots a machine; a reboot inside it (nspawn exits 133) boots it again, as a VM would.
boot_machine() {
    local name="$1" dir="$work/machines/$1"
    (
        while true; do
            status=0
            systemd-nspawn -q -D "$dir" -b --register=no --keep-unit --machine="$name" \
                --network-bridge="$bridge" >>"$work/$name.console" 2>&1 </dev/null &
            echo $! >"$work/$name.pid"
            wait $! || status=$?
            (( status == 133 )) || break
        done
    ) &
}

on() {
    local name="$1"
    shift
    ssh -i "$work/id_ed25519" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
        -o LogLevel=ERROR -o ConnectTimeout=3 "root@${ADDRESS[$name]}" "$@"
}

# Waits until the machine answers over SSH, and notes its PID namespace for the tear-down.
wait_for_ssh() {
    local name="$1" deadline=$((SECONDS + 90))
    until on "$name" true 2>/dev/null; do
        (( SECONDS < deadline )) || return 1
        sleep 1
    done
    on "$name" readlink /proc/1/ns/pid >"$work/$name.pidns"
}

start_network() {
    # An address of its own for the bridge, as a real network's router has: otherwise the bridge
    # takes its lowest port's, changes it when that machine dies, and the host forgets every
    # neighbour (and the machines still send to the old address) for seconds.
    local octets
    IFS=. read -r -a octets <<<"$NET"
    ip link add "$bridge" address "$(printf '02:00:%02x:%02x:%02x:01' "${octets[@]}")" type bridge
    ip addr add "$NET.1/24" dev "$bridge"
    ip link set "$bridge" up
    sysctl -n net.ipv4.ip_forward >"$work/ip_forward"
    sysctl -qw net.ipv4.ip_forward=1
    # Out of the test network: DNS and web (the Debian mirror) only, through NAT.
    nft -f - <<EOF
table ip $table {
    chain forward {
        type filter hook forward priority filter; policy accept;
        iifname "$bridge" oifname != "$bridge" udp dport 53 accept
        iifname "$bridge" oifname != "$bridge" tcp dport { 53, 80, 443 } accept
        iifname "$bridge" oifname != "$bridge" drop
    }
    chain postrouting {
        type nat hook postrouting priority srcnat;
        ip saddr $NET.0/24 oifname != "$bridge" masquerade
    }
}
EOF
}

# Halts the machines; what a machine still runs after two minutes (its own shutdown gives up after
# 90 s) is killed, with everything else in its PID namespace.
stop_machines() {
    local dir="$1" name pid
    for name in "${MACHINES[@]}"; do
        pid="$(cat "$dir/$name.pid" 2>/dev/null || true)"
        if [[ -n "$pid" ]]; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    for _ in $(seq 1 240); do
        pgrep -f "systemd-nspawn .*-D $dir/machines/" >/dev/null || break
        sleep 0.5
    done
    pkill -KILL -f "systemd-nspawn .*-D $dir/machines/" || true
    for name in "${MACHINES[@]}"; do
        kill_namespace "$(cat "$dir/$name.pidns" 2>/dev/null || true)"
    done
}

# The processes of a PID namespace (as /proc/PID/ns/pid names it), from one pass of ps (a loop over
# /proc takes seconds on a host running seven machines).
namespace_processes() {
    [[ "$1" =~ ^pid:\[([0-9]+)\]$ ]] || return 0
    ps -e -o pid=,pidns= | awk -v namespace="${BASH_REMATCH[1]}" '$2 == namespace { print $1 }'
}

# Kills every process in the PID namespace at once.
kill_namespace() {
    namespace_processes "$1" | xargs -r kill -KILL 2>/dev/null || true
}

# Removes what this run, or an earlier run that was killed, left: machines, mounts, the
# bridge, the firewall table, the forwarding setting and the files.
tear_down() {
    local dir id
    for dir in "$WORK_PREFIX"*; do
        [[ -d "$dir" ]] || continue
        id="${dir#"$WORK_PREFIX"}"
        stop_machines "$dir"
        grep -o " $dir/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
        if [[ -f "$dir/ip_forward" ]]; then
            sysctl -qw net.ipv4.ip_forward="$(cat "$dir/ip_forward")"
        fi
        ip link del "$BRIDGE_PREFIX$id" 2>/dev/null || true
        nft delete table ip "$TABLE_PREFIX$id" 2>/dev/null || true
        rm -rf "$dir"
    done
}

# True when nothing of this run is left: processes, mounts, interfaces, firewall table.
nothing_left_behind() {
    local namespace
    for namespace in "${namespaces[@]}"; do
        [[ -z "$(namespace_processes "$namespace")" ]] || return 1
    done
    ! pgrep -f "systemd-nspawn .*-D $work/" >/dev/null &&
        ! grep -q " $work/" /proc/mounts &&
        ! ip link show "$bridge" >/dev/null 2>&1 &&
        ! ip -br link | grep -q "^$VETH_PREFIX" &&
        ! nft list table ip "$table" >/dev/null 2>&1 &&
        [[ ! -e "$work" ]]
}

# --- checks -------------------------------------------------------------------------------------

check() {
    local name="$1"
    shift
    if "$@" >"$check_log" 2>&1; then
        passed=$((passed + 1))
        printf 'ok   %s\n' "$name"
    else
        failed=$((failed + 1))
        printf 'FAIL %s\n' "$name"
        sed 's/^/     /' "$check_log" | tail -80
    fi
}

# --- the pgBackRest repository -------------------------------------------------------------------

# The pgBackRest repository's S3 server: s3proxy over HTTPS on the host's end of the network with a
# certificate for PITR_S3_NAME from a CA of the test's own (the inventory hands it to the db host).
start_pitr_s3() {
    local dir="$work/pitr-tls" jar="$root/target/s3proxy/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
    mkdir -p "$dir" "$work/s3data-pitr/$PITR_S3_BUCKET"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$TEST_CA_NAME" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1 || die "cannot make the test CA"
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$PITR_S3_NAME" -keyout "$dir/s3.key" -out "$dir/s3.csr" \
        >/dev/null 2>&1 || die "cannot make the s3proxy key"
    printf 'subjectAltName=DNS:%s\n' "$PITR_S3_NAME" >"$dir/s3.ext"
    openssl x509 -req -in "$dir/s3.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
        -extfile "$dir/s3.ext" -out "$dir/s3.crt" >/dev/null 2>&1 || die "cannot sign the s3proxy certificate"
    openssl pkcs12 -export -in "$dir/s3.crt" -inkey "$dir/s3.key" -name s3proxy -passout pass:changeit \
        -out "$dir/s3.p12" >/dev/null 2>&1 || die "cannot make the s3proxy keystore"
    # The bucket is a directory of s3proxy's filesystem store.
    cat >"$work/s3proxy-pitr.properties" <<EOP
s3proxy.secure-endpoint=https://$NET.1:$PITR_S3_PORT
s3proxy.keystore-path=$dir/s3.p12
s3proxy.keystore-password=changeit
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=test-access-key
s3proxy.credential=test-secret-key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3data-pitr
EOP
    "$JAVA_HOME/bin/java" -Xmx256m -jar "$jar" --properties "$work/s3proxy-pitr.properties" >"$work/s3proxy-pitr.log" 2>&1 &
    pids+=("$!")
    for _ in $(seq 1 150); do
        [[ "$(curl -s --cacert "$dir/ca.crt" --resolve "$PITR_S3_NAME:$PITR_S3_PORT:$NET.1" -o /dev/null -w '%{http_code}' \
            "https://$PITR_S3_NAME:$PITR_S3_PORT/" || true)" != 000 ]] && return 0
        sleep 0.2
    done
    tail -20 "$work/s3proxy-pitr.log" >&2
    die "s3proxy (HTTPS, for pgBackRest) did not start"
}

# --- logs ---------------------------------------------------------------------------------------

# Playbook and console logs survive the run, for a look after a failure.
save_logs() {
    local logs="$LOGS_DIR"
    rm -rf "$logs"
    mkdir -p "$logs"
    cp "$work"/*.log "$work"/*.console "$logs/" 2>/dev/null || true
}
