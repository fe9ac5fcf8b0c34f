"""Which database the site uses, and what it says about it at start-up."""

from urllib.parse import urlsplit, urlunsplit

from catalog_site.sync.databases import describe_database

from .processes import POSTGRES_URL, manage

SHOW_DATABASE = (
    "from django.db import connection\n"
    "with connection.cursor() as cursor:\n"
    "    cursor.execute('SELECT 1')\n"
    "print(connection.vendor, connection.settings_dict['NAME'])"
)


def with_password(url, password):
    parts = urlsplit(url)
    netloc = f"{parts.username}:{password}@{parts.hostname}:{parts.port or 5432}"
    return urlunsplit(parts._replace(netloc=netloc))


def test_describe_postgresql_names_host_port_and_database_only():
    line = describe_database(
        {
            "ENGINE": "django.db.backends.postgresql",
            "HOST": "db.example",
            "PORT": 5432,
            "NAME": "railway",
            "USER": "postgres",
            "PASSWORD": "hunter2",
        }
    )
    assert line == "Using PostgreSQL (db.example:5432/railway)"


def test_describe_sqlite_names_the_file():
    line = describe_database({"ENGINE": "django.db.backends.sqlite3", "NAME": "/tmp/films.db"})
    assert line == "Using SQLite (/tmp/films.db)"


def test_without_database_url_the_site_uses_the_sqlite_file(tmp_path):
    path = tmp_path / "local.db"
    result = manage("shell", "--no-imports", "-c", SHOW_DATABASE, DEBUG="1", SQLITE_PATH=path)
    assert result.returncode == 0, result.stderr
    assert f"Using SQLite ({path})" in result.stderr
    assert result.stdout.strip() == f"sqlite {path}"
    assert path.exists()


def test_with_database_url_the_site_uses_postgresql_and_never_logs_the_password():
    url = with_password(POSTGRES_URL, "not-a-real-secret")
    result = manage("shell", "--no-imports", "-c", SHOW_DATABASE, DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    parts = urlsplit(url)
    expected = f"Using PostgreSQL ({parts.hostname}:{parts.port}{parts.path})"
    assert expected in result.stderr
    assert result.stdout.strip() == f"postgresql {parts.path.lstrip('/')}"
    assert "not-a-real-secret" not in result.stdout + result.stderr


def test_the_database_line_is_written_once_and_to_stderr(tmp_path):
    result = manage("check", DEBUG="1", SQLITE_PATH=tmp_path / "x.db")
    assert result.stderr.count("Using SQLite") == 1
    assert "Using" not in result.stdout
