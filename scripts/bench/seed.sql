-- Benchmark dataset, generated in the database itself. psql variables:
--   scale (1 = 200 users, 5,000 articles, 20,000 comments, 10,000 favorites; 50 tags at every scale).
-- Counters are recomputed at the end, as the application would have kept them.
\set ON_ERROR_STOP on
\set users (200 * :scale)
\set articles (5000 * :scale)
\set comments (20000 * :scale)
\set favorites (10000 * :scale)

BEGIN;

INSERT INTO users (username, email, password_hash, bio)
SELECT 'writer' || i, 'writer' || i || '@bench.inkwell.test', 'not-a-password-hash', 'Writer number ' || i
FROM generate_series(1, :users) AS i;

INSERT INTO tags (name) SELECT 'topic' || i FROM generate_series(1, 50) AS i;

-- About 2 KB of body each, 2 to 4 tags, one article a minute going back in time.
INSERT INTO articles (slug, author_id, title, description, body, tag_list, created_at, updated_at)
SELECT 'bench-article-' || i,
       (SELECT min(id) FROM users) + (i % :users),
       'Benchmark article number ' || i,
       'What article ' || i || ' is about',
       repeat('Inkwell benchmark text, written to fill the body. ', 40),
       ARRAY(SELECT DISTINCT 'topic' || ((i * 7 + k * 13) % 50 + 1) FROM generate_series(0, 1 + i % 3) AS k ORDER BY 1),
       now() - make_interval(mins => i),
       now() - make_interval(mins => i)
FROM generate_series(1, :articles) AS i;

INSERT INTO article_tags (article_id, tag_id, article_created_at)
SELECT a.id, t.id, a.created_at FROM articles a CROSS JOIN LATERAL unnest(a.tag_list) AS tag(name)
JOIN tags t ON t.name = tag.name;

INSERT INTO comments (article_id, author_id, body, created_at, updated_at)
SELECT a.min_id + (i * 31) % :articles, u.min_id + (i * 17) % :users, 'Comment number ' || i, now(), now()
FROM generate_series(1, :comments) AS i,
     (SELECT min(id) AS min_id FROM articles) a, (SELECT min(id) AS min_id FROM users) u;

-- Fifty favorites per writer, on distinct articles.
INSERT INTO favorites (user_id, article_id, article_created_at)
SELECT u.min_id + i % :users, ar.id, ar.created_at
FROM generate_series(0, :favorites - 1) AS i
CROSS JOIN (SELECT min(id) AS min_id FROM users) u
JOIN articles ar ON ar.id = (SELECT min(id) FROM articles) + ((i % :users) * 97 + (i / :users) * 101) % :articles;

-- The article page benchmark reads an article with twenty comments.
INSERT INTO comments (article_id, author_id, body, created_at, updated_at)
SELECT a.id, u.min_id + k, 'A considered comment, number ' || k || ', on this article.', now(), now()
FROM articles a, generate_series(1, 20 - (SELECT count(*) FROM comments c JOIN articles x ON x.id = c.article_id
                                          WHERE x.slug = 'bench-article-20')) AS k,
     (SELECT min(id) AS min_id FROM users) u
WHERE a.slug = 'bench-article-20';

-- Every writer follows ten others.
INSERT INTO follows (follower_id, followee_id)
SELECT u.id, u2.id FROM users u
CROSS JOIN generate_series(1, 10) AS k
JOIN users u2 ON u2.id = (SELECT min(id) FROM users) + ((u.id + k * 7) % :users)
WHERE u2.id <> u.id
ON CONFLICT DO NOTHING;

UPDATE articles a SET favorites_count = f.n
FROM (SELECT article_id, count(*) AS n FROM favorites GROUP BY article_id) f WHERE f.article_id = a.id;
UPDATE users u SET articles_count = a.n FROM (SELECT author_id, count(*) AS n FROM articles GROUP BY author_id) a
WHERE a.author_id = u.id;
UPDATE users u SET favorites_count = f.n FROM (SELECT user_id, count(*) AS n FROM favorites GROUP BY user_id) f
WHERE f.user_id = u.id;
UPDATE tags t SET articles_count = x.n FROM (SELECT tag_id, count(*) AS n FROM article_tags GROUP BY tag_id) x
WHERE x.tag_id = t.id;
UPDATE article_count_slots s SET articles_count = (SELECT count(*) FROM articles a WHERE a.id % 16 = s.slot);

COMMIT;
VACUUM ANALYZE users, follows, articles, article_tags, tags, favorites, comments, article_count_slots;
