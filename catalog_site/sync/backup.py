"""The backups a merge and backup_catalog write: catalog rows as a fixture `manage.py
loaddata` restores, times to the microsecond, in timestamped files of backups/."""

import contextlib
import datetime
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder


class BackupExists(FileExistsError):
    """The backup file named is already there; the message is meant for the user."""


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup must keep every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def write_fixture(file, objects):
    """Write model instances as a Django fixture."""
    serializers.serialize("json", objects, stream=file, indent=1, cls=ExactJSONEncoder)
    file.flush()


def stamped_path(name, suffix=".json", now=None):
    """A new file `<name>-<time><suffix>` in backups/ beside manage.py; `-2`, `-3`, ... after
    the time when a run of the same second has taken the name (two imports in a second are
    two backups, not a refusal)."""
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = Path(settings.BASE_DIR) / "backups"
    path = folder / f"{name}-{stamp}{suffix}"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{name}-{stamp}-{number}{suffix}"
    return path


def default_backup_path(now=None):
    """Where a merge saves the old versions of the rows it updated."""
    return stamped_path("sync", now=now)


@contextlib.contextmanager
def backup_file(path):
    """Open a new backup file for writing; remove it again if the merge fails.

    An existing file is never overwritten: it may be the only copy of rows a sync replaced.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            yield file
    except FileExistsError:
        raise BackupExists(f"The backup file {path} already exists.") from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
