# Helpers shared by the backup tests and the backup benchmark. Source it after scripts/lib.sh;
# it defines functions only. The caller keeps the PIDs it starts in its array pids.
# shellcheck shell=bash
# root (the project directory) and pids come from the sourcing script.
# shellcheck disable=SC2154

readonly S3PROXY_VERSION=2.6.0

# Prints the path of s3proxy's jar, fetched from Maven Central once, into target/ ($1: a directory
# for the log of the fetch).
s3proxy_jar() {
    local jar_dir="$root/target/s3proxy" jar
    jar="$jar_dir/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
    if [[ ! -s "$jar" ]]; then
        mvn -q dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
            -DoutputDirectory="$jar_dir" >"$1/mvn.log" 2>&1 || { cat "$1/mvn.log" >&2; die "cannot fetch s3proxy"; }
    fi
    printf '%s\n' "$jar"
}

# Starts s3proxy (an S3 server, here over a directory) on ADDRESS:PORT (ADDRESS 127.0.0.1 unless
# given) with the keys test-access-key / test-secret-key.
start_s3proxy() {
    local work="$1" s3_port="$2" address="${3:-127.0.0.1}" jar
    jar="$(s3proxy_jar "$work")"
    mkdir -p "$work/s3data"
    cat >"$work/s3proxy.properties" <<EOF
s3proxy.endpoint=http://$address:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=test-access-key
s3proxy.credential=test-secret-key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3data
EOF
    "$JAVA_HOME/bin/java" -Xmx256m -jar "$jar" --properties "$work/s3proxy.properties" >"$work/s3proxy.log" 2>&1 &
    pids+=("$!")
    for _ in $(seq 1 150); do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://$address:$s3_port/" || true)" != 000 ]] && return 0
        sleep 0.2
    done
    tail -20 "$work/s3proxy.log" >&2
    die "s3proxy did not start"
}

# The schema as the app makes it: `inkwell migrate` of this checkout (built first when the jar is
# older than the sources) against DATABASE_URL $1; logs in directory $2.
migrate_inkwell() {
    local url="$1" logs="$2"
    "$root/scripts/build" >"$logs/build.log" 2>&1 || { tail -20 "$logs/build.log" >&2; die "cannot build Inkwell"; }
    # migrate never touches Redis, but its settings name one.
    DATABASE_URL="$url" REDIS_URL=redis://127.0.0.1:1 "$JAVA_HOME/bin/java" -jar "$root/target/inkwell.jar" migrate \
        >"$logs/migrate.log" 2>&1 || { cat "$logs/migrate.log" >&2; die "inkwell migrate failed"; }
}

# The newest migration this checkout ships (the schema version a migrated database reports).
shipped_schema_version() {
    find "$root/src/main/resources/db/migration" -name 'V*__*.sql' -printf '%f\n' |
        sed -E 's/^V([0-9_.]+)__.*/\1/' | sort -V | tail -1
}

# Fills database $2 (through the psql wrapper $1) to about $3 MB: batches of 2,000 articles (bodies
# of ~2 KB, half hex, half prose, so they compress like text) with 3 comments each.
seed_to_size() {
    local q="$1" database="$2" target_bytes=$(($3 * 1024 * 1024)) batch=0
    "$q" "$database" <<'SQL'
INSERT INTO users (username, email, password_hash, bio)
SELECT 'user' || g, 'user' || g || '@example.test', 'hash-' || md5(g::text), 'Bio of user ' || g FROM generate_series(1, 1000) g;
INSERT INTO tags (name) SELECT 'tag' || g FROM generate_series(1, 50) g;
SQL
    while (( $("$q" "$database" -c 'SELECT pg_database_size(current_database())') < target_bytes )); do
        batch=$((batch + 1))
        "$q" "$database" -v batch="$batch" <<'SQL'
WITH new AS (
    INSERT INTO articles (slug, author_id, title, description, body, tag_list, created_at)
    SELECT 'article-' || :batch || '-' || g, 1 + g % 1000, 'Article ' || g, 'About article ' || g,
           (SELECT string_agg(md5(:batch || '-' || g || '-' || i), '') FROM generate_series(1, 32) i)
           || repeat('The quick brown fox jumps over the lazy dog while the editor reads on. ', 14),
           ARRAY['tag' || (1 + g % 50)], now() - g * interval '1 second'
    FROM generate_series(1, 2000) g RETURNING id, author_id, created_at)
INSERT INTO comments (article_id, author_id, body)
SELECT new.id, 1 + (new.author_id + c) % 1000,
       'A comment about this article, number ' || c || ': ' || md5(new.id || '-' || c) || repeat(' Well said.', 10)
FROM new CROSS JOIN generate_series(1, 3) c;
SQL
    done
    "$q" "$database" <<'SQL'
INSERT INTO article_tags SELECT a.id, t.id, a.created_at FROM articles a JOIN tags t ON t.name = a.tag_list[1]
ON CONFLICT DO NOTHING;
UPDATE tags SET articles_count = (SELECT count(*) FROM article_tags WHERE tag_id = tags.id);
UPDATE article_count_slots SET articles_count = (SELECT count(*) FROM articles WHERE id % 16 = slot);
SET client_min_messages TO error;
VACUUM ANALYZE;
SQL
}

# A test CA and a certificate for DNS:localhost signed by it, as a PKCS12 keystore for s3proxy:
# pgBackRest checks the certificate's name and finds none in an IP address (an IP SAN is refused).
# Writes DIR/ca.crt and DIR/s3.p12 (password "changeit").
make_test_tls() {
    local dir="$1"
    mkdir -p "$dir"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=Inkwell test CA' \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1 || die "cannot make the test CA"
    openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost' -keyout "$dir/s3.key" -out "$dir/s3.csr" >/dev/null 2>&1 \
        || die "cannot make the s3proxy key"
    printf 'subjectAltName=DNS:localhost\n' >"$dir/s3.ext"
    openssl x509 -req -in "$dir/s3.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
        -extfile "$dir/s3.ext" -out "$dir/s3.crt" >/dev/null 2>&1 || die "cannot sign the s3proxy certificate"
    openssl pkcs12 -export -in "$dir/s3.crt" -inkey "$dir/s3.key" -name s3proxy -passout pass:changeit \
        -out "$dir/s3.p12" >/dev/null 2>&1 || die "cannot make the s3proxy keystore"
    chmod 0644 "$dir/ca.crt"
}

# Starts s3proxy over HTTPS on 127.0.0.1:PORT (https://localhost:PORT) with the keys
# test-access-key / test-secret-key, serving DATA_DIR, with the keystore of make_test_tls in
# TLS_DIR. Sets s3proxy_tls_pid (also added to pids); it can be stopped and started again.
start_s3proxy_tls() {
    local work="$1" port="$2" data_dir="$3" tls_dir="$4" jar
    jar="$(s3proxy_jar "$work")"
    mkdir -p "$data_dir"
    cat >"$work/s3proxy-tls.properties" <<EOP
s3proxy.secure-endpoint=https://127.0.0.1:$port
s3proxy.keystore-path=$tls_dir/s3.p12
s3proxy.keystore-password=changeit
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=test-access-key
s3proxy.credential=test-secret-key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$data_dir
EOP
    "$JAVA_HOME/bin/java" -Xmx256m -jar "$jar" --properties "$work/s3proxy-tls.properties" >>"$work/s3proxy-tls.log" 2>&1 &
    s3proxy_tls_pid=$!
    pids+=("$s3proxy_tls_pid")
    for _ in $(seq 1 150); do
        [[ "$(curl -s --cacert "$tls_dir/ca.crt" -o /dev/null -w '%{http_code}' "https://localhost:$port/" || true)" != 000 ]] && return 0
        sleep 0.2
    done
    tail -20 "$work/s3proxy-tls.log" >&2
    die "s3proxy (HTTPS) did not start"
}

stop_s3proxy_tls() {
    [[ -n "${s3proxy_tls_pid:-}" ]] || return 0
    kill -TERM "$s3proxy_tls_pid" 2>/dev/null || true
    wait "$s3proxy_tls_pid" 2>/dev/null || true
    s3proxy_tls_pid=""
}

# The lines of postgresql.conf that archive every WAL segment through pgBackRest with CONFIG;
# a segment is closed and shipped at least every ARCHIVE_TIMEOUT seconds.
write_test_archive_settings() {
    local postgresql_conf="$1" config="$2" archive_timeout="$3"
    cat >>"$postgresql_conf" <<EOF
wal_level = replica
archive_mode = on
archive_command = 'pgbackrest --config=$config --stanza=inkwell archive-push %p'
archive_timeout = $archive_timeout
EOF
}

# Writes FILE: pgBackRest for the test cluster in PG_DIR (data in PG_DIR/data, its socket in PG_DIR,
# port PG_PORT), archiving to BUCKET of the HTTPS s3proxy on $s3_port (make_test_tls's CA in
# $work/tls), encrypted with CIPHER_PASS; spool, lock and log under $work/pgbackrest. Any further
# arguments are more [global] lines.
write_test_pgbackrest_config() {
    local file="$1" bucket="$2" cipher_pass="$3" pg_dir="$4" port="$5"
    shift 5
    {
        cat <<EOF
[global]
repo1-type=s3
repo1-path=/inkwell
repo1-s3-bucket=$bucket
repo1-s3-endpoint=localhost
repo1-storage-port=$s3_port
repo1-s3-region=us-east-1
repo1-s3-uri-style=path
repo1-s3-key=test-access-key
repo1-s3-key-secret=test-secret-key
repo1-storage-ca-file=$work/tls/ca.crt
repo1-cipher-type=aes-256-cbc
repo1-cipher-pass=$cipher_pass
archive-async=y
spool-path=$work/pgbackrest/spool
lock-path=$work/pgbackrest/lock
log-path=$work/pgbackrest/log
compress-type=zst
start-fast=y
process-max=2
EOF
        printf '%s\n' "$@"
        printf '\n[inkwell]\npg1-path=%s/data\npg1-port=%s\npg1-socket-path=%s\n' "$pg_dir" "$port" "$pg_dir"
    } >"$file"
    chown postgres: "$file"
    chmod 0600 "$file"
}

# Whether the WAL segment named $2 is in the pgBackRest archive kept in directory $1 (an s3proxy's
# files; pgBackRest adds a checksum and a compression suffix to the name).
archived_segment() {
    find "$1" -type f -name "$2-*" | grep -q .
}
