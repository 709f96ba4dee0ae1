-- sayso store schema, version 1 (DuckDB). Documented in docs/store.md.
-- Contract shared by ingest, API, dashboard and claims: columns may be ADDED, never renamed.
-- Keys are derived from content hashes, so re-ingesting the same input adds nothing.
-- Span columns hold JSON arrays of [start, end] character offsets into articles.text.

CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    command VARCHAR,
    engine VARCHAR,            -- local | dask | spark
    status VARCHAR,            -- running | finished | interrupted
    stats JSON                 -- counts: articles, attributions, events, failures by reason
);

-- One row per distinct article text (the canonical copy of a wire story).
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY,   -- first 32 hex chars of sha256(text)
    text_sha256 VARCHAR NOT NULL,
    doc_id VARCHAR,                   -- input id of the first sighting (file stem, JSONL id)
    source VARCHAR,                   -- path or URL of the first sighting, as ingested
    url VARCHAR,
    title VARCHAR,
    author VARCHAR,
    site_name VARCHAR,
    published DATE,
    language VARCHAR,
    status VARCHAR,                   -- processed | unsupported_language | failed
    near_duplicate_of VARCHAR,        -- article_id of the canonical text, for near-duplicates
    n_chars INTEGER,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP,
    run_id VARCHAR
);

-- Every place an article was seen (outlet, URL, feed); counts use articles, not sightings.
CREATE TABLE IF NOT EXISTS sightings (
    sighting_id VARCHAR PRIMARY KEY,  -- hash of (article_id, source)
    article_id VARCHAR NOT NULL,
    source VARCHAR,
    url VARCHAR,
    site_name VARCHAR,
    title VARCHAR,
    published DATE,
    seen_at TIMESTAMP,
    run_id VARCHAR
);

CREATE TABLE IF NOT EXISTS attributions (
    attribution_id VARCHAR PRIMARY KEY,  -- article_id || ':' || record id (e.g. 'a3')
    article_id VARCHAR NOT NULL,
    kind VARCHAR,
    cue_class VARCHAR,
    source_text VARCHAR,
    source_spans JSON,
    cue_text VARCHAR,
    cue_spans JSON,
    content_text VARCHAR,
    content_spans JSON,
    speaker_name VARCHAR,
    speaker_kind VARCHAR,
    speaker_country VARCHAR,
    speaker_sector VARCHAR,
    speaker_role VARCHAR,
    speaker_kb_id VARCHAR,
    confidence DOUBLE,
    start_char INTEGER,                  -- first character of any span, for ordering
    end_char INTEGER,
    record JSON                          -- the full JSON record (docs/schema.md)
);

-- One row per actor per article (speakers and event participants, after coreference).
CREATE TABLE IF NOT EXISTS actors (
    actor_id VARCHAR PRIMARY KEY,        -- article_id || ':' || hash of (name, country, sector)
    article_id VARCHAR NOT NULL,
    name VARCHAR,
    kind VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    secondary_sectors JSON,
    role VARCHAR,
    kb_id VARCHAR,
    spans JSON
);

CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,        -- article_id || ':' || record id (e.g. 'e2')
    article_id VARCHAR NOT NULL,
    type VARCHAR,
    mode VARCHAR,
    context JSON,
    source_name VARCHAR,
    source_country VARCHAR,
    source_sector VARCHAR,
    target_name VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    trigger_text VARCHAR,
    trigger_spans JSON,
    negated BOOLEAN,
    hypothetical BOOLEAN,
    attribution_id VARCHAR,              -- store-level attribution_id, or NULL
    event_date DATE,
    location JSON,
    confidence DOUBLE,
    cameo_root VARCHAR,
    quad_class INTEGER,
    record JSON
);

-- Filled by the claim tracker.
CREATE TABLE IF NOT EXISTS claims (
    claim_id VARCHAR PRIMARY KEY,
    text VARCHAR,                        -- representative proposition
    first_seen DATE,
    last_seen DATE,
    n_attributions INTEGER,
    n_articles INTEGER,
    n_speakers INTEGER,
    record JSON
);

CREATE TABLE IF NOT EXISTS claim_members (
    claim_id VARCHAR NOT NULL,
    attribution_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    stance VARCHAR,                      -- assert | repeat | deny | question | report
    similarity DOUBLE,
    PRIMARY KEY (claim_id, attribution_id)
);

CREATE TABLE IF NOT EXISTS failures (
    failure_id VARCHAR PRIMARY KEY,      -- hash of (source, reason)
    run_id VARCHAR,
    source VARCHAR,                      -- path, URL, feed entry or JSONL line that failed
    reason VARCHAR,                      -- short machine-readable reason, e.g. http_404, timeout
    detail VARCHAR,
    failed_at TIMESTAMP
);

-- Added in version 1 by the ingest helper (additions only; nothing above changed).
-- How a sighting matched its article: first (new text), exact (same text), near (near-duplicate).
ALTER TABLE sightings ADD COLUMN IF NOT EXISTS match VARCHAR;
-- sha256 of the text as seen at this outlet (differs from the article's for near-duplicates).
ALTER TABLE sightings ADD COLUMN IF NOT EXISTS text_sha256 VARCHAR;
ALTER TABLE sightings ADD COLUMN IF NOT EXISTS author VARCHAR;

-- MinHash LSH bands of canonical article texts, to find near-duplicates of new input.
CREATE TABLE IF NOT EXISTS minhash_bands (
    band VARCHAR NOT NULL,               -- band index || ':' || hash of the band's rows
    article_id VARCHAR NOT NULL,
    PRIMARY KEY (band, article_id)
);

CREATE INDEX IF NOT EXISTS attributions_article ON attributions (article_id);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
CREATE INDEX IF NOT EXISTS actors_article ON actors (article_id);
CREATE INDEX IF NOT EXISTS sightings_article ON sightings (article_id);

-- Added by the API follow-up (additions only).  Word search index the server keeps
-- (sayso.api.search): each lower-cased word of an article's title and text.
CREATE TABLE IF NOT EXISTS search_terms (term VARCHAR NOT NULL, article_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS search_docs (article_id VARCHAR PRIMARY KEY);  -- articles indexed

-- Summaries (sayso.store.summaries): pre-aggregated counts so the overview, actor and
-- network views never scan every attribution and event.
-- Speaker names, country codes and event types as small integer ids (never reused).
CREATE TABLE IF NOT EXISTS summary_names (name VARCHAR PRIMARY KEY, id INTEGER NOT NULL);
-- One row per summarised article; the lists hold summary_names ids and counts.
CREATE TABLE IF NOT EXISTS article_summary (
    article_id VARCHAR PRIMARY KEY,
    n_attributions BIGINT,
    n_events BIGINT,
    speakers STRUCT(name INTEGER, n INTEGER)[],
    dyads STRUCT(source INTEGER, target INTEGER, n INTEGER, conflict INTEGER,
                 cooperation INTEGER)[],        -- country pairs, source <> target
    event_types STRUCT(type INTEGER, n INTEGER)[]
);
-- Totals over all summarised articles, as additive partial rows: read them with sum() per key.
CREATE TABLE IF NOT EXISTS summary_speakers (
    speaker_name VARCHAR, speaker_country VARCHAR, speaker_role VARCHAR, n BIGINT);
CREATE TABLE IF NOT EXISTS summary_dyads (
    source_country VARCHAR, target_country VARCHAR, n BIGINT, conflict BIGINT,
    cooperation BIGINT);
CREATE TABLE IF NOT EXISTS summary_event_types (type VARCHAR, n BIGINT);
-- Per actor (kind 'name' or 'country') and month: statements made, events done and received.
CREATE TABLE IF NOT EXISTS summary_actor_months (
    kind VARCHAR, actor VARCHAR, period DATE, said BIGINT, did BIGINT, received BIGINT);
-- Whom an actor (as event source) acted on: coalesce(target_country, target_name), per type.
-- Dyads, counterparts and edges count events that happened (not negated, not hypothetical);
-- meta 'summaries_version' names the rules the summaries were built by.
CREATE TABLE IF NOT EXISTS summary_counterparts (
    kind VARCHAR, actor VARCHAR, counterpart VARCHAR, type VARCHAR, n BIGINT, conflict BIGINT);
-- Network edges: source and target country (coded actors only; source = target is a self-loop).
CREATE TABLE IF NOT EXISTS summary_edges (
    source VARCHAR, target VARCHAR, type VARCHAR, n BIGINT, conflict BIGINT);
