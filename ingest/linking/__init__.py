"""Linking the graph's actors and places with external datasets (Wikidata by default).

Modules, each with one job: `targets` (what to link, read from the store), `lookup` (candidate queries with
VALUES batches, pure), `client` (SPARQLWrapper with User-Agent, timeouts and 429 Retry-After retries), `cache`
(on-disk answers, so a second run asks nothing), `scoring` (candidates -> link, review or nothing, pure),
`records` (the links, review and decisions graphs, pure), `decisions` (accept/reject), `run` (the whole pass),
`void` (VoID linksets), `names` and `reconciliation` (matching names in both scripts for the reconciliation API).
"""
