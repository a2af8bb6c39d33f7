-- Inkwell schema. Counters are kept in the same transaction as the rows they count,
-- so that list endpoints can report totals without scanning tables.

CREATE TABLE users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        text        NOT NULL,
    email           text        NOT NULL,
    password_hash   text        NOT NULL,
    bio             text,
    image           text,
    articles_count  integer     NOT NULL DEFAULT 0,
    favorites_count integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE follows (
    follower_id bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_followee_idx ON follows (followee_id);

CREATE TABLE articles (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug            text        NOT NULL UNIQUE,
    author_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title           text        NOT NULL,
    description     text        NOT NULL,
    body            text        NOT NULL,
    -- Sorted copy of the article's tags, so that a page of articles needs no join to show them.
    tag_list        text[]      NOT NULL DEFAULT '{}',
    favorites_count integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_recent_idx ON articles (created_at DESC, id DESC);
CREATE INDEX articles_author_recent_idx ON articles (author_id, created_at DESC, id DESC);

-- Slugs an article had before its title changed; they keep resolving to the article.
CREATE TABLE article_slugs (
    slug       text   PRIMARY KEY,
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_slugs_article_idx ON article_slugs (article_id);

CREATE TABLE tags (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text    NOT NULL UNIQUE,
    articles_count integer NOT NULL DEFAULT 0
);
CREATE INDEX tags_popular_idx ON tags (articles_count DESC, name);

-- article_created_at is copied from articles so that a tag's articles can be read newest first from one index.
CREATE TABLE article_tags (
    article_id         bigint      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id             bigint      NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    article_created_at timestamptz NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_recent_idx ON article_tags (tag_id, article_created_at DESC, article_id DESC);

CREATE TABLE favorites (
    user_id            bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_id         bigint      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    article_created_at timestamptz NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, article_id)
);
CREATE INDEX favorites_user_recent_idx ON favorites (user_id, article_created_at DESC, article_id DESC);
CREATE INDEX favorites_article_idx ON favorites (article_id);

CREATE TABLE comments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id bigint      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id  bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_article_idx ON comments (article_id, created_at, id);
CREATE INDEX comments_author_idx ON comments (author_id);

-- One row: the number of published articles, for the unfiltered list's total.
CREATE TABLE article_totals (
    singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    articles_count bigint  NOT NULL DEFAULT 0
);
INSERT INTO article_totals (singleton, articles_count) VALUES (true, 0);
