-- Evidence: what became of an article after it was first stored. The articles row is the first
-- version and is never overwritten; a re-fetch with other content ('changed'), a 404/410
-- ('gone') or content back after a 404 ('restored') adds a row here.
CREATE TABLE article_versions (
    article_id    VARCHAR NOT NULL,
    version       INTEGER NOT NULL,       -- 2, 3, ... (the articles row is version 1)
    status        VARCHAR NOT NULL,       -- changed | gone | restored
    http_status   INTEGER,
    url           VARCHAR NOT NULL,       -- as fetched
    title         VARCHAR,
    text          VARCHAR,
    content_hash  VARCHAR,                -- NULL when gone
    published_at  TIMESTAMP,
    fetched_at    TIMESTAMP NOT NULL,
    run_id        VARCHAR,
    loaded_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, version)
);

-- Per source and run: what failed, by kind ({"http_404": 2, "timeout": 1}), what was skipped
-- on purpose ({"seen": 40, "robots": 1}) and how many feed/sitemap/listing pages were read.
ALTER TABLE crawl_runs ADD COLUMN errors_by_kind VARCHAR;
ALTER TABLE crawl_runs ADD COLUMN skipped VARCHAR;
ALTER TABLE crawl_runs ADD COLUMN pages INTEGER;
