-- Tables added by the claim tracker (docs/claims.md). The claims and claim_members tables
-- themselves are in sayso/store/schema.sql; these only add to the store.

-- schema.org ClaimReview records (fact-checks), linked to the most similar claim.
CREATE TABLE IF NOT EXISTS claim_reviews (
    review_id VARCHAR PRIMARY KEY,       -- first 32 hex chars of sha256(url or record)
    url VARCHAR,                         -- the fact-check page
    claim_reviewed VARCHAR,              -- the claim as the fact-checker worded it
    rating VARCHAR,                      -- reviewRating.alternateName (e.g. "False")
    rating_value VARCHAR,
    best_rating VARCHAR,
    worst_rating VARCHAR,
    author VARCHAR,                      -- the fact-checking organisation
    date_published VARCHAR,
    item_author VARCHAR,                 -- who made the claim, per the fact-checker
    source VARCHAR,                      -- file the record was imported from
    claim_id VARCHAR,                    -- linked claim, or NULL when none is similar enough
    similarity DOUBLE,
    record JSON,
    imported_at TIMESTAMP
);

-- Sentence embeddings of attribution contents, so a rebuild only embeds new attributions.
CREATE TABLE IF NOT EXISTS claim_embeddings (
    attribution_id VARCHAR PRIMARY KEY,
    model VARCHAR NOT NULL,
    text_sha256 VARCHAR NOT NULL,
    vector BLOB NOT NULL                 -- float32 little-endian, unit length
);

-- Further views of a statement for ``claims related`` (docs/claims.md): the same encoder on
-- "speaker cue content" (view 'cue') and on the sentence holding it ('sentence').
CREATE TABLE IF NOT EXISTS claim_view_embeddings (
    attribution_id VARCHAR NOT NULL,
    view VARCHAR NOT NULL,
    model VARCHAR NOT NULL,
    text_sha256 VARCHAR NOT NULL,
    vector BLOB NOT NULL,                -- float32 little-endian, unit length
    PRIMARY KEY (attribution_id, view)
);
