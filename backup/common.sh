# Shared by inkwell-backup and inkwell-restore: settings, S3 access, the catalogue of complete
# backups, and the evidence left for monitoring (journal, Prometheus textfile, webhooks).
# Source it; it defines functions and constants only.
# shellcheck shell=bash
# The sourcing script sets program (its name) and work (its temporary directory).
# shellcheck disable=SC2034,SC2154

readonly MANIFEST_SUFFIX=.manifest.json
readonly STAMP_PATTERN='^[0-9]{8}T[0-9]{6}Z$'

# Settings a settings file may hold; anything else in it is refused, so a typo cannot pass silently.
readonly SETTING_PATTERN='^(INKWELL_BACKUP_[A-Z0-9_]+|INKWELL_RESTORE_[A-Z0-9_]+|PG(HOST|PORT|USER|DATABASE|PASSFILE|SSLMODE|SSLROOTCERT|SERVICE|SERVICEFILE|CONNECT_TIMEOUT)|AWS_[A-Z0-9_]+)$'

failure_message=""
failure_step=""
bucket=""
prefix=""
scratch=""
textfile_dir=""
success_url=""
failure_url=""
aws_command=(aws)

# --- messages and failures ----------------------------------------------------------------------

# Progress and success messages; --quiet silences them (the journal still has the outcome).
say() {
    [[ -n "${quiet:-}" ]] && return 0
    printf '%s: %s\n' "$program" "$*" >&2
}

# Failures and warnings: always shown.
shout() {
    printf '%s: %s\n' "$program" "$*" >&2
}

journal() {
    local priority="$1"
    shift
    logger -t "$program" -p "user.$priority" -- "$*" 2>/dev/null || true
}

# Records the one line that explains a failure, then exits; the EXIT trap reports it.
fail() {
    local status="$1" step="$2"
    shift 2
    failure_step="$step"
    failure_message="$*"
    exit "$status"
}

# Ctrl-C, or systemd stopping the unit: the EXIT trap still cleans up and reports.
on_signal() {
    local name="$1" status="$2"
    trap - INT TERM HUP
    fail "$status" interrupted "stopped by SIG$name"
}

trap_signals() {
    trap 'on_signal INT 130' INT
    trap 'on_signal TERM 143' TERM
    trap 'on_signal HUP 129' HUP
}

on_unexpected_error() {
    local line="$1" command="$2"
    if [[ -z "$failure_message" ]]; then
        failure_step=internal
        failure_message="unexpected failure at line $line: $command"
    fi
}

# The last non-empty line of a stderr capture, for one-line failure messages.
last_line_of() {
    local file="$1" line=""
    if [[ -s "$file" ]]; then
        line="$(grep -v '^[[:space:]]*$' "$file" | tail -1 || true)"
    fi
    printf '%s' "${line:-no error output}"
}

# The first non-empty line: libpq puts the cause first and hints after it.
first_line_of() {
    local file="$1" line=""
    if [[ -s "$file" ]]; then
        line="$(grep -v '^[[:space:]]*$' "$file" | head -1 || true)"
    fi
    printf '%s' "${line:-no error output}"
}

# --- settings -----------------------------------------------------------------------------------

# Reads KEY=value lines (the format of /etc/default files and systemd's EnvironmentFile=); the
# environment wins over the file, so a single run can override a setting.
load_settings() {
    local file="${INKWELL_BACKUP_CONFIG:-/etc/default/inkwell-backup}"
    if [[ -r "$file" ]]; then
        read_settings_file "$file"
    elif [[ -n "${INKWELL_BACKUP_CONFIG:-}" ]]; then
        fail 2 settings "settings file $file cannot be read"
    fi
    : "${PGDATABASE:=inkwell}"
    export PGDATABASE
    bucket="${INKWELL_BACKUP_BUCKET:-}"
    prefix="${INKWELL_BACKUP_PREFIX:-inkwell}"
    prefix="${prefix%/}"
    scratch="${INKWELL_BACKUP_SCRATCH_DIR:-/var/lib/inkwell-backup}"
    textfile_dir="${INKWELL_BACKUP_TEXTFILE_DIR:-}"
    success_url="${INKWELL_BACKUP_SUCCESS_URL:-}"
    failure_url="${INKWELL_BACKUP_FAILURE_URL:-}"
    endpoint_url="${INKWELL_BACKUP_ENDPOINT_URL:-${AWS_ENDPOINT_URL:-}}"
    [[ -n "$bucket" ]] || fail 2 settings "INKWELL_BACKUP_BUCKET is not set (in ${file} or the environment)"
    [[ "$PGDATABASE" =~ ^[A-Za-z0-9_-]+$ ]] || fail 2 settings "PGDATABASE '$PGDATABASE' has characters a backup key cannot hold"
    # awscli 2.9 (Debian 12) ignores AWS_ENDPOINT_URL, so the endpoint is always passed explicitly.
    read -r -a aws_command <<<"${INKWELL_BACKUP_AWS:-aws}"
    if [[ -n "$endpoint_url" ]]; then
        aws_command+=(--endpoint-url "$endpoint_url")
    fi
}

# PATTERN (default SETTING_PATTERN) is what a name must match.
read_settings_file() {
    local file="$1" pattern="${2:-$SETTING_PATTERN}" line name value number=0
    while IFS= read -r line || [[ -n "$line" ]]; do
        number=$((number + 1))
        [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
        [[ "$line" =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] \
            || fail 2 settings "$file:$number: not a KEY=value line"
        name="${BASH_REMATCH[2]}"
        value="${BASH_REMATCH[3]}"
        [[ "$name" =~ $pattern ]] || fail 2 settings "$file:$number: unknown setting $name"
        [[ "$name" == PGPASSWORD || "$name" == AWS_SECRET_ACCESS_KEY ]] \
            && fail 2 settings "$file:$number: $name does not belong here (use PGPASSFILE / an AWS profile)"
        if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then
            value="${BASH_REMATCH[1]}"
        fi
        if [[ -z "${!name+set}" ]]; then
            export "$name=$value"
        fi
    done <"$file"
}

require_commands() {
    local command
    for command in "$@"; do
        command -v "$command" >/dev/null || fail 2 settings "required command '$command' is not installed"
    done
}

make_scratch_dir() {
    mkdir -p "$scratch" 2>/dev/null || fail 2 settings "cannot create the scratch directory $scratch"
    [[ -w "$scratch" ]] || fail 2 settings "the scratch directory $scratch is not writable"
}

# --- S3 -----------------------------------------------------------------------------------------

aws_cli() {
    "${aws_command[@]}" "$@"
}

s3_uri() {
    printf 's3://%s/%s' "$bucket" "$1"
}

database_prefix() {
    printf '%s/%s/' "$prefix" "$1"
}

# The stamp in a backup key (<db>_<stamp>.dump.zst[.age]), or nothing for a key of another shape.
stamp_of_key() {
    local name="${1##*/}"
    if [[ "$name" =~ _([0-9]{8}T[0-9]{6}Z)\.dump\.zst(\.age)?$ ]]; then
        printf '%s' "${BASH_REMATCH[1]}"
    fi
}

# Fills object_sizes (key -> size) with every object under a database's prefix, and
# manifest_files (object key -> local copy of its manifest). Needs $work.
read_catalogue() {
    local database="$1" listing key size
    declare -gA object_sizes=() manifest_files=()
    listing="$(aws_cli s3api list-objects-v2 --bucket "$bucket" --prefix "$(database_prefix "$database")" \
        --query 'Contents[].[Key,Size]' --output text 2>"$work/list.err")" \
        || fail 5 list "listing s3://$bucket/$(database_prefix "$database") failed: $(last_line_of "$work/list.err")"
    while IFS=$'\t' read -r key size; do
        [[ -n "$key" && "$key" != None ]] || continue
        object_sizes["$key"]="$size"
    done <<<"$listing"
    mkdir -p "$work/manifests"
    # One download of every manifest under the prefix (they are small), then match them to objects.
    aws_cli s3 cp --recursive --only-show-errors --exclude '*' --include "*$MANIFEST_SUFFIX" \
        "$(s3_uri "$(database_prefix "$database")")" "$work/manifests/" 2>"$work/list.err" \
        || fail 5 list "downloading the manifests failed: $(last_line_of "$work/list.err")"
    for key in "${!object_sizes[@]}"; do
        if [[ "$key" == *"$MANIFEST_SUFFIX" && -f "$work/manifests/${key##*/}" ]]; then
            manifest_files["${key%"$MANIFEST_SUFFIX"}"]="$work/manifests/${key##*/}"
        fi
    done
}

# Prints the keys of complete backups, oldest first: a manifest exists, names its object, and the
# object's size equals the manifest's. Others are reported on stderr when $2 is "warn".
complete_backups() {
    local warn="${1:-}" key manifest recorded
    for key in "${!manifest_files[@]}"; do
        manifest="${manifest_files[$key]}"
        [[ -n "$(stamp_of_key "$key")" ]] || continue
        recorded="$(jq -r 'select(.sha256|test("^[0-9a-f]{64}$")) | "\(.key)\t\(.size)"' "$manifest" 2>/dev/null || true)"
        if [[ "$recorded" != "$key"$'\t'"${object_sizes[$key]:-missing}" ]]; then
            [[ "$warn" == warn ]] && shout "ignoring $key: its object is missing or its size differs from the manifest"
            continue
        fi
        printf '%s\n' "$key"
    done | sort
}

# --- evidence for monitoring --------------------------------------------------------------------

# Rewrites <dir>/<metric prefix>.prom atomically. A failed run keeps the last success's values.
write_textfile() {
    local metric="$1" database="$2" status="$3" duration="$4" size="$5" succeeded_at="$6"
    [[ -n "$textfile_dir" ]] || return 0
    local file="$textfile_dir/$metric.prom" tmp labels
    labels="{database=\"$database\"}"
    if [[ -z "$succeeded_at" && -r "$file" ]]; then
        succeeded_at="$(sed -n "s/^${metric}_last_success_timestamp_seconds{.*} //p" "$file" | head -1)"
        size="$(sed -n "s/^${metric}_last_size_bytes{.*} //p" "$file" | head -1)"
    fi
    tmp="$(mktemp "$textfile_dir/.$metric.prom.XXXXXX" 2>/dev/null)" || { shout "warning: cannot write to $textfile_dir"; return 0; }
    if {
        printf '# HELP %s_last_success_timestamp_seconds When the last successful run finished.\n' "$metric"
        printf '# TYPE %s_last_success_timestamp_seconds gauge\n' "$metric"
        printf '%s_last_success_timestamp_seconds%s %s\n' "$metric" "$labels" "${succeeded_at:-0}"
        printf '# HELP %s_last_run_timestamp_seconds When the last run finished.\n' "$metric"
        printf '# TYPE %s_last_run_timestamp_seconds gauge\n' "$metric"
        printf '%s_last_run_timestamp_seconds%s %s\n' "$metric" "$labels" "$(date +%s)"
        printf '# HELP %s_last_exit_status Exit status of the last run (0 is success).\n' "$metric"
        printf '# TYPE %s_last_exit_status gauge\n' "$metric"
        printf '%s_last_exit_status%s %s\n' "$metric" "$labels" "$status"
        printf '# HELP %s_last_duration_seconds How long the last run took.\n' "$metric"
        printf '# TYPE %s_last_duration_seconds gauge\n' "$metric"
        printf '%s_last_duration_seconds%s %s\n' "$metric" "$labels" "$duration"
        printf '# HELP %s_last_size_bytes Size of the backup object of the last successful run.\n' "$metric"
        printf '# TYPE %s_last_size_bytes gauge\n' "$metric"
        printf '%s_last_size_bytes%s %s\n' "$metric" "$labels" "${size:-0}"
    } >"$tmp" && chmod 0644 "$tmp" && mv -f "$tmp" "$file"; then
        return 0
    fi
    rm -f "$tmp"
    shout "warning: could not update $file"
}

# Pings a webhook with bounded timeouts; a webhook that fails never changes the exit status.
ping_webhook() {
    local url="$1" message="$2"
    [[ -n "$url" ]] || return 0
    curl -fsS -o /dev/null --connect-timeout 5 --max-time 15 --retry 2 --retry-max-time 30 \
        --data-binary "$message" "$url" 2>/dev/null || shout "warning: webhook $url did not answer"
}

# How a run ends, for the EXIT traps: one line on stderr and in the journal, the textfile, a webhook.
report_outcome() {
    local status="$1" metric="$2" database="$3" duration="$4" size="$5" succeeded_at="$6" success_line="$7"
    local line
    if (( status == 0 )); then
        say "$success_line"
        journal info "$success_line"
        write_textfile "$metric" "$database" 0 "$duration" "$size" "$succeeded_at"
        ping_webhook "$success_url" "$program: $success_line"
        return
    fi
    line="FAILED (${failure_step:-internal}, exit $status): ${failure_message:-unexpected failure}"
    shout "$line"
    journal err "$line"
    write_textfile "$metric" "$database" "$status" "$duration" "$size" "$succeeded_at"
    ping_webhook "$failure_url" "$program: $line"
}

# --- the cluster: only the primary's jobs work -------------------------------------------------

# Set when a run found a standby and left: its EXIT trap then writes no metrics and pings no webhook.
not_primary=""

# The scheduled jobs run on every db host; in the cluster (Patroni) only the primary's do their
# work. True (0) when the PostgreSQL the given psql command line reaches (the job's own connection
# settings) is in recovery, a standby; false when it is the primary or cannot be asked: the job then
# goes on, and reports its own failure to connect.
is_standby() {
    local answer
    answer="$("$@" -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" || return 1
    [[ "$answer" == t ]]
}

# Ends a run (exit 0) on a standby, saying so on stderr (unless --quiet) and in the journal. The
# textfile keeps the metrics of this host's last real run: the alerts take the newest over the db
# hosts, so the primary's runs count and a former primary's older ones do not raise them.
exit_unless_primary() {
    is_standby "$@" || return 0
    not_primary=1
    say "not the primary: nothing to do"
    journal info "not the primary: nothing to do"
    exit 0
}

# --- point-in-time recovery (inkwell-pitr) ------------------------------------------------------

readonly SETTING_PATTERN_PITR='^PITR_[A-Z0-9_]+$'
readonly KNOWN_PITR_SETTINGS=(PITR_STANZA PITR_PGBACKREST_CONFIG PITR_PG_BIN PITR_PG_DATA PITR_PG_PORT PITR_PG_SOCKET
    PITR_DATABASE PITR_SCRATCH_DIR PITR_SCRATCH_PORT PITR_TEXTFILE_DIR PITR_WEBHOOK_SUCCESS PITR_WEBHOOK_FAILURE
    PITR_DRILL_MINUTES_AGO)

# Reads /etc/default/inkwell-pitr (INKWELL_PITR_CONFIG overrides the path; the environment wins),
# fills in the defaults, checks the values and exports them all (they survive a drop to the
# cluster's user). A name that is not a PITR setting is refused.
load_pitr_settings() {
    local file="${INKWELL_PITR_CONFIG:-/etc/default/inkwell-pitr}" name known
    if [[ -r "$file" ]]; then
        read_settings_file "$file" "$SETTING_PATTERN_PITR"
    elif [[ -n "${INKWELL_PITR_CONFIG:-}" ]]; then
        fail 2 settings "settings file $file cannot be read"
    fi
    for name in $(compgen -v PITR_); do
        known=""
        [[ " ${KNOWN_PITR_SETTINGS[*]} " == *" $name "* ]] && known=1
        [[ -n "$known" ]] || fail 2 settings "unknown setting $name (in $file or the environment)"
    done
    : "${PITR_STANZA:=inkwell}" "${PITR_PGBACKREST_CONFIG:=/etc/pgbackrest/pgbackrest.conf}"
    : "${PITR_PG_BIN:=/usr/lib/postgresql/15/bin}" "${PITR_PG_DATA:=/var/lib/postgresql/15/main}"
    : "${PITR_PG_PORT:=5432}" "${PITR_PG_SOCKET:=/var/run/postgresql}" "${PITR_DATABASE:=inkwell}"
    : "${PITR_SCRATCH_DIR:=/var/lib/inkwell-pitr/scratch}" "${PITR_SCRATCH_PORT:=5433}"
    : "${PITR_TEXTFILE_DIR=/var/lib/prometheus/node-exporter}" "${PITR_DRILL_MINUTES_AGO:=10}"
    : "${PITR_WEBHOOK_SUCCESS:=}" "${PITR_WEBHOOK_FAILURE:=}"
    for name in "${KNOWN_PITR_SETTINGS[@]}"; do
        export "${name?}"
    done
    [[ "$PITR_STANZA" =~ ^[A-Za-z0-9_.-]+$ ]] || fail 2 settings "PITR_STANZA '$PITR_STANZA': letters, digits, '.', '_' and '-' only"
    [[ "$PITR_DATABASE" =~ ^[A-Za-z0-9_-]+$ ]] || fail 2 settings "PITR_DATABASE '$PITR_DATABASE': letters, digits, '_' and '-' only"
    for name in PITR_PG_PORT PITR_SCRATCH_PORT; do
        if ! [[ "${!name}" =~ ^[0-9]{1,5}$ ]] || (( 10#${!name} == 0 || 10#${!name} > 65535 )); then
            fail 2 settings "$name '${!name}' is not a port number"
        fi
    done
    [[ "$PITR_DRILL_MINUTES_AGO" =~ ^[0-9]{1,6}$ ]] || fail 2 settings "PITR_DRILL_MINUTES_AGO '$PITR_DRILL_MINUTES_AGO' is not a number of minutes"
    for name in PITR_PG_DATA PITR_SCRATCH_DIR PITR_PG_SOCKET; do
        [[ "${!name}" == /* && "${!name}" != / ]] || fail 2 settings "$name '${!name}' must be an absolute path"
    done
    [[ -z "$PITR_TEXTFILE_DIR" || "$PITR_TEXTFILE_DIR" == /* ]] || fail 2 settings "PITR_TEXTFILE_DIR must be an absolute path (or empty)"
    textfile_dir="$PITR_TEXTFILE_DIR"
    success_url="$PITR_WEBHOOK_SUCCESS"
    failure_url="$PITR_WEBHOOK_FAILURE"
}

# Replaces FILE with standard input atomically (a temporary file beside it, then a rename), so
# that node-exporter never reads half a file. Returns 1 when it cannot.
replace_file_atomically() {
    local file="$1" tmp
    tmp="$(mktemp "$(dirname "$file")/.$(basename "$file").XXXXXX" 2>/dev/null)" || { cat >/dev/null; return 1; }
    if cat >"$tmp" && chmod 0644 "$tmp" && mv -f "$tmp" "$file"; then
        return 0
    fi
    rm -f "$tmp"
    return 1
}
