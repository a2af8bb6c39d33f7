# Helpers shared by the backup tests and the backup benchmark. Source it after scripts/lib.sh;
# it defines functions only. The caller keeps the PIDs it starts in its array pids.
# shellcheck shell=bash
# root (the project directory) and pids come from the sourcing script.
# shellcheck disable=SC2154

readonly S3PROXY_VERSION=2.6.0

# Starts s3proxy (an S3 server, here over a directory) on ADDRESS:PORT (ADDRESS 127.0.0.1 unless
# given) with the keys test-access-key / test-secret-key. Its jar is fetched from Maven Central
# once, into target/.
start_s3proxy() {
    local work="$1" s3_port="$2" address="${3:-127.0.0.1}" jar_dir="$root/target/s3proxy" jar
    jar="$jar_dir/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
    if [[ ! -s "$jar" ]]; then
        mvn -q dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
            -DoutputDirectory="$jar_dir" >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; die "cannot fetch s3proxy"; }
    fi
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

# The schema exactly as Flyway leaves it: the migrations in version order and its history table.
create_inkwell_schema() {
    local q="$1" database="$2" migration rank=0 version description
    "$q" "$database" <<'SQL'
CREATE TABLE flyway_schema_history (
    installed_rank integer NOT NULL PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL,
    type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer, installed_by varchar(100) NOT NULL,
    installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL, success boolean NOT NULL);
CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success);
SQL
    while IFS= read -r migration; do
        rank=$((rank + 1))
        version="$(basename "$migration" | sed -E 's/^V([0-9_.]+)__.*/\1/')"
        description="$(basename "$migration" .sql | sed -E 's/^V[0-9_.]+__//; s/_/ /g')"
        "$q" "$database" -1 -f "$migration"
        "$q" "$database" -v rank="$rank" -v version="$version" -v description="$description" \
            -v script="$(basename "$migration")" <<'SQL'
INSERT INTO flyway_schema_history VALUES (:rank, :'version', :'description', 'SQL', :'script', 0, 'inkwell', now(), 1, true);
SQL
    done < <(find "$root/src/main/resources/db/migration" -name 'V*__*.sql' | sort -V)
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
