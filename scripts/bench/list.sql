-- The signed-in list the way Inkwell runs it (ArticleQueries.list without a filter, limit 20,
-- offset 0): one statement, the page's ids from the index, the articles with what the viewer follows
-- and favours, and the total from the count slots. For pgbench -M prepared against the app's
-- database: what PostgreSQL alone can do with it. Keep it in step with ArticleQueries.
-- Variable (pgbench -D): viewer, the signed-in reader's id.
\set limit 20
\set offset 0
WITH page AS (SELECT id FROM articles ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset)
SELECT a.id, a.author_id, a.slug, a.title, a.description, a.tag_list, a.created_at, a.updated_at,
       a.favorites_count, u.username, u.bio, u.image,
       EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = :viewer AND f.article_id = a.id) AS favorited,
       EXISTS (SELECT 1 FROM follows fo WHERE fo.follower_id = :viewer AND fo.followee_id = a.author_id) AS following,
       (SELECT sum(articles_count) AS n FROM article_count_slots) AS total
FROM page JOIN articles a ON a.id = page.id JOIN users u ON u.id = a.author_id
ORDER BY a.created_at DESC, a.id DESC;
