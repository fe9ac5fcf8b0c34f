"""What the migrations install in the database, and the lookup that goes with it.

triggers (a uuid that cannot change; the revision counter raised on every write), indexes
(indexes only PostgreSQL can have) and lookups (`__in_array`, IN as one array parameter).
"""
