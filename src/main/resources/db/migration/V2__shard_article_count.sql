-- The total of articles was one row that every publication updated, so concurrent publications
-- queued behind each other. Sixteen slots, chosen by article id, spread that out; the total is their sum.
CREATE TABLE article_count_slots (
    slot           smallint PRIMARY KEY CHECK (slot BETWEEN 0 AND 15),
    articles_count bigint   NOT NULL DEFAULT 0
);
INSERT INTO article_count_slots (slot, articles_count)
SELECT s, CASE WHEN s = 0 THEN (SELECT articles_count FROM article_totals) ELSE 0 END
FROM generate_series(0, 15) AS s;
DROP TABLE article_totals;
