"""Named queries for ``sayso query --named`` and the demo; parameters bound, never pasted."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Named:
    sql: str
    help: str
    params: tuple[str, ...] = ()


# Counts use processed articles only: near-duplicates are sightings, not new reports.
NAMED: dict[str, Named] = {
    "summary": Named(
        """SELECT
             (SELECT count(*) FROM articles WHERE status = 'processed') AS articles,
             (SELECT count(*) FROM articles WHERE status = 'near_duplicate') AS near_duplicates,
             (SELECT count(*) FROM articles WHERE status = 'unsupported_language')
                AS unsupported_language,
             (SELECT count(*) FROM sightings) AS sightings,
             (SELECT count(*) FROM attributions) AS attributions,
             (SELECT count(*) FROM events) AS events,
             (SELECT count(*) FROM failures) AS failures""",
        "counts of articles, sightings, attributions, events, failures"),
    "top-speakers": Named(
        """SELECT coalesce(speaker_name, source_text) AS speaker,
                  any_value(speaker_country) AS country, any_value(speaker_sector) AS sector,
                  count(*) AS attributions, count(DISTINCT article_id) AS articles
           FROM attributions WHERE coalesce(speaker_name, source_text) IS NOT NULL
             AND lower(coalesce(speaker_name, source_text)) NOT IN
                 ('he', 'she', 'they', 'it', 'i', 'we', 'you', 'who', 'which', 'this', 'that')
           GROUP BY 1 ORDER BY attributions DESC, speaker LIMIT $limit""",
        "most quoted speakers (pronouns left out)", ("limit",)),
    "top-dyads": Named(
        """SELECT source_country AS a, target_country AS b, count(*) AS events,
                  string_agg(DISTINCT type, ',' ORDER BY type) AS types
           FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL
           GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT $limit""",
        "country pairs with most events", ("limit",)),
    "event-types": Named(
        """SELECT type, count(*) AS events, count(*) FILTER (WHERE negated) AS negated,
                  count(*) FILTER (WHERE hypothetical) AS hypothetical
           FROM events GROUP BY type ORDER BY events DESC, type""",
        "event counts by PLOVER category"),
    "dyad": Named(
        """SELECT strftime(coalesce(e.event_date, a.published), '%Y-%m') AS month,
                  e.source_country AS source, e.target_country AS target, e.type,
                  count(*) AS events
           FROM events e JOIN articles a USING (article_id)
           WHERE (e.source_country = $a AND e.target_country = $b)
              OR (e.source_country = $b AND e.target_country = $a)
           GROUP BY ALL ORDER BY month NULLS LAST, source, target, type""",
        "events between actors A and B (country codes) by month", ("a", "b")),
    "failures": Named(
        """SELECT reason, count(*) AS failures, any_value(source) AS example
           FROM failures GROUP BY reason ORDER BY failures DESC, reason""",
        "failures by reason"),
    "reprints": Named(
        """SELECT s.article_id, any_value(a.title) AS title, count(*) AS sightings,
                  count(DISTINCT s.site_name) AS sites
           FROM sightings s JOIN articles a USING (article_id)
           GROUP BY s.article_id HAVING count(*) > 1
           ORDER BY sightings DESC, s.article_id LIMIT $limit""",
        "articles seen at more than one place", ("limit",)),
}

DEFAULTS = {"limit": "20"}
