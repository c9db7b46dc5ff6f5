-- The warehouse contract of DESIGN.md. Timestamps are UTC.
CREATE TABLE articles (
    article_id     VARCHAR PRIMARY KEY,   -- first 16 hex of sha256(canonical_url)
    url            VARCHAR NOT NULL,      -- as fetched
    canonical_url  VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    title          VARCHAR,
    text           VARCHAR,
    published_at   TIMESTAMP,             -- from the page, the feed or the sitemap; NULL when unknown
    first_seen_at  TIMESTAMP NOT NULL,    -- when the crawler (or ingest) first had it
    language       VARCHAR NOT NULL,      -- ISO 639-1, else 639-3, else 'und'
    script         VARCHAR,               -- ISO 15924
    language_score DOUBLE,
    topics         VARCHAR[],
    countries      VARCHAR[],             -- ISO 3166-1 alpha-2 the text is about
    organizations  VARCHAR[],             -- canonical English names
    relevance      DOUBLE,
    cluster_id     VARCHAR NOT NULL,
    content_hash   VARCHAR NOT NULL,
    report_index   VARCHAR,               -- e.g. 'EUR 04/7574/2017' for NGO reports
    run_id         VARCHAR,               -- landing run (or ingest batch) it came from
    loaded_at      TIMESTAMP NOT NULL
);

CREATE TABLE clusters (
    cluster_id         VARCHAR PRIMARY KEY,
    first_article_id   VARCHAR NOT NULL,
    first_seen_at      TIMESTAMP NOT NULL,
    first_published_at TIMESTAMP,
    title              VARCHAR,           -- the first article's title
    languages          VARCHAR[],
    countries          VARCHAR[],
    topics             VARCHAR[],
    sources            VARCHAR[],
    relevance          DOUBLE,            -- the highest of its articles
    size               INTEGER NOT NULL
);

CREATE TABLE sources (
    source_id  VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    url        VARCHAR NOT NULL,
    country    VARCHAR NOT NULL,
    languages  VARCHAR[],
    category   VARCHAR NOT NULL,
    enabled    BOOLEAN NOT NULL,
    schedule   VARCHAR,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE crawl_runs (
    run_id        VARCHAR NOT NULL,
    source_id     VARCHAR NOT NULL,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP NOT NULL,
    items         INTEGER NOT NULL,
    errors        INTEGER NOT NULL,
    status        VARCHAR NOT NULL,       -- ok | failed
    error_samples VARCHAR,                -- JSON list of {url, error}
    PRIMARY KEY (run_id, source_id)
);

-- Which landing runs (and ingest batches) are loaded: processing skips them on a rerun.
CREATE TABLE loaded_runs (
    run_id     VARCHAR PRIMARY KEY,
    loaded_at  TIMESTAMP NOT NULL,
    items      INTEGER NOT NULL,
    articles   INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    failures   INTEGER NOT NULL
);

-- What was alerted, so nothing is alerted twice.
CREATE TABLE alerts (
    alert_id   VARCHAR PRIMARY KEY,       -- kind:key, e.g. 'new_story:<cluster_id>'
    kind       VARCHAR NOT NULL,
    cluster_id VARCHAR,
    created_at TIMESTAMP NOT NULL,
    report     VARCHAR
);
