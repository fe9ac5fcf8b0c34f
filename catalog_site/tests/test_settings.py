"""Settings read from the environment, as a deployment sets them."""

import pytest

from .processes import PRODUCTION_KEY, manage

PRODUCTION = {
    "SECRET_KEY": PRODUCTION_KEY,
    "ALLOWED_HOSTS": "catalog.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://catalog.example.com",
}


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = manage("check", SQLITE_PATH=tmp_path / "x.db")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_runs_without_secret_key(tmp_path):
    result = manage("check", DEBUG="1", SQLITE_PATH=tmp_path / "x.db")
    assert result.returncode == 0, result.stderr


def test_a_mistyped_boolean_is_a_clear_error(tmp_path):
    result = manage("check", DEBUG="maybe", SQLITE_PATH=tmp_path / "x.db")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_check_deploy_is_clean_with_production_values(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", SQLITE_PATH=tmp_path / "x.db", **PRODUCTION
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("settings.DEBUG", "False"),
        ("settings.ALLOWED_HOSTS", "['catalog.example.com']"),
        ("settings.CSRF_TRUSTED_ORIGINS", "['https://catalog.example.com']"),
        ("settings.SECURE_SSL_REDIRECT", "True"),
        ("settings.SESSION_COOKIE_SECURE", "True"),
    ],
)
def test_production_values_come_from_the_environment(tmp_path, snippet, expected):
    code = f"from django.conf import settings; print({snippet})"
    result = manage(
        "shell", "--no-imports", "-c", code, SQLITE_PATH=tmp_path / "x.db", **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("rate", ["120", "120/fortnight", "lots/min"])
def test_a_mistyped_rate_limit_is_a_clear_error(tmp_path, rate):
    result = manage("check", DEBUG="1", API_BURST_RATE=rate, SQLITE_PATH=tmp_path / "x.db")
    assert result.returncode != 0
    assert "API_BURST_RATE must look like 120/min" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CONN_MAX_AGE", "ten"),
        ("LOGIN_LOCKOUT_MINUTES", "1.5"),
        ("SECURE_HSTS_SECONDS", "1 year"),
        ("IMPORT_MAX_BYTES", "50MB"),
    ],
)
def test_a_mistyped_number_is_a_clear_error(tmp_path, variable, value):
    result = manage("check", DEBUG="1", SQLITE_PATH=tmp_path / "x.db", **{variable: value})
    assert result.returncode != 0
    assert f"{variable} must be a whole number, not {value!r}." in result.stderr


@pytest.mark.parametrize(("value", "expected"), [(" 30 ", "30"), ("", "0")])
def test_a_number_is_read_and_an_empty_one_is_the_default(tmp_path, value, expected):
    code = "from django.conf import settings; print(settings.API_CACHE_SECONDS)"
    env = {"DEBUG": "1", "SQLITE_PATH": tmp_path / "x.db", "API_CACHE_SECONDS": value}
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_production_refuses_a_short_secret_key(tmp_path):
    result = manage("check", SQLITE_PATH=tmp_path / "x.db", **{**PRODUCTION, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY is 5 characters long" in result.stderr


def test_hsts_preload_only_when_asked(tmp_path):
    ask = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"
    default = manage("shell", "-c", ask, SQLITE_PATH=tmp_path / "x.db", **PRODUCTION)
    asked = manage(
        "shell", "-c", ask, SQLITE_PATH=tmp_path / "x.db", SECURE_HSTS_PRELOAD="1", **PRODUCTION
    )
    last = [result.stdout.strip().splitlines()[-1] for result in (default, asked)]
    assert last == ["False", "True"]
