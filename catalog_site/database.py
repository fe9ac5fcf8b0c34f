"""What the site says about its database: engine and location, never the password."""

ENGINE_NAMES = {
    "django.db.backends.postgresql": "PostgreSQL",
    "django.db.backends.sqlite3": "SQLite",
}


def describe_database(settings_dict):
    """Return the start-up line, e.g. 'Using PostgreSQL (db.example:5432/railway)'.

    Built from the parsed host, port and name only, so a password in DATABASE_URL can
    never reach the log.
    """
    engine = settings_dict["ENGINE"]
    label = ENGINE_NAMES.get(engine, engine.rsplit(".", 1)[-1])
    if engine == "django.db.backends.sqlite3":
        return f"Using {label} ({settings_dict['NAME']})"
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT")
    where = f"{host}:{port}" if port else host
    return f"Using {label} ({where}/{settings_dict.get('NAME', '')})"
