-- One publication the way Inkwell runs it (ArticleService.create, ArticleRepository.insert), for
-- pgbench -M prepared against the app's database: what PostgreSQL alone can do with it. In one
-- transaction, as pg_stat_statements shows them for the app: the article under its slug, or a spare one
-- when the slug is taken; the tags it lacks added; its tags locked, counted and linked; the author's count
-- and the count slot, with the author's profile back. Keep it in step with ArticleRepository.insert.
-- Variables (pgbench -D): first_author and last_author, the lowest and highest id of the benchmark's
-- authors (registered one after the other, so every id between is one of them); run, a label that
-- keeps slugs unique across runs; seq=0, which each client then counts up (client variables persist
-- from one transaction to the next). Tags are the author's own, a<n>-x and a<n>-y with n from 1, as
-- scripts/bench/publish.lua sends them, so clients only meet on the same author or tag by chance.
\set author random(:first_author, :last_author)
\set n :author - :first_author + 1
\set seq :seq + 1
BEGIN;
INSERT INTO articles (author_id, slug, title, description, body, tag_list)
SELECT :author,
       CASE WHEN EXISTS (SELECT 1 FROM articles WHERE slug = 'pgbench-' || :run || '-' || :client_id || '-' || :seq)
              OR EXISTS (SELECT 1 FROM article_slugs WHERE slug = 'pgbench-' || :run || '-' || :client_id || '-' || :seq)
            THEN 'pgbench-' || :run || '-' || :client_id || '-' || :seq || '-spare'
            ELSE 'pgbench-' || :run || '-' || :client_id || '-' || :seq END,
       'Pgbench ' || :run || ' ' || :client_id || '-' || :seq, 'Written under load',
       'Body text of the benchmark post.', ARRAY['a' || :n || '-x', 'a' || :n || '-y']
RETURNING id, slug, created_at, updated_at \gset
INSERT INTO tags (name) SELECT unnest(ARRAY['a' || :n || '-x', 'a' || :n || '-y']) ON CONFLICT (name) DO NOTHING;
WITH locked AS (
    SELECT id FROM tags WHERE name = ANY (ARRAY['a' || :n || '-x', 'a' || :n || '-y']) ORDER BY id FOR NO KEY UPDATE
), counted AS (
    UPDATE tags SET articles_count = articles_count + 1 WHERE id IN (SELECT id FROM locked)
)
INSERT INTO article_tags (article_id, tag_id, article_created_at)
SELECT a.id, locked.id, a.created_at FROM locked, articles a WHERE a.id = :id;
\set slot :id % 16
WITH author AS (
    UPDATE users SET articles_count = articles_count + 1 WHERE id = :author
    RETURNING username, bio, image
), slot AS (
    UPDATE article_count_slots SET articles_count = articles_count + 1
    WHERE slot = :slot AND (SELECT count(*) FROM author) = 1
)
SELECT username, bio, image FROM author;
COMMIT;
