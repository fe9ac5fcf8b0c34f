"""The catalog base that films and books are both built on, and the registry of catalogs.

models (the common abstract model: uuid identity, content timestamps, derived fields, the
"possible duplicate" query; and the table revision counter), grades (the owner's 18 grades
and their scores), dates (free-text dates read for sorting), text (folding, titles, people,
genres), analytics (the groupings behind charts and /analytics/), cache (answers kept per
table revision), admin (what both admin sites share) and registry (which apps are
catalogs, and what each declares: the only way the rest of catalog_site reaches them).
"""
