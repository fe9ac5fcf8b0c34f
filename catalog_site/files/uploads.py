"""Uploads of files to import: refused past IMPORT_MAX_BYTES as they arrive, and kept safely
and briefly between the preview and the confirm.

Django keeps an upload in memory, then in a temporary file, whatever its size; the import
would refuse a file over IMPORT_MAX_BYTES only once all of it was on disk. This handler, first
in settings.FILE_UPLOAD_HANDLERS, skips the file as soon as it passes the limit: what was
stored of it is removed, the rest of the request is read and dropped, and the request says
which file was refused (`request.upload_refused`), for the page to say so.
"""

import hashlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class LimitedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.IMPORT_MAX_BYTES:
            self.request.upload_refused = self.file_name
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler keeps the file


# Between the preview and the confirm, an upload is kept in a folder of its own, made by
# mkdtemp (private to this account, a name no one can guess or take first), under this
# prefix; the session holds its path, the name the owner gave the file and its SHA-256, and
# the confirm imports it only if the bytes are still those. An upload not confirmed within
# KEPT_SECONDS is removed by the next import page that is opened.
PREFIX = "catalog-import-"
KEPT_SECONDS = 3600


def keep(upload):
    """Store an uploaded file; return what the session keeps of it."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    stored = folder / "upload"
    digest = hashlib.sha256()
    with open(stored, "wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    name = Path(upload.name or "").name.strip(". ") or "upload"
    return {"path": str(stored), "name": name, "sha256": digest.hexdigest()}


def kept_file(kept):
    """The stored file of `kept` (see keep), or None when it is gone or its bytes changed."""
    stored = Path(kept["path"])
    if stored.parent.parent != Path(tempfile.gettempdir()) or not stored.parent.name.startswith(
        PREFIX
    ):
        return None
    try:
        with open(stored, "rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None
    return stored if digest == kept["sha256"] else None


def remove(kept):
    shutil.rmtree(Path(kept["path"]).parent, ignore_errors=True)


def remove_stale(now=None):
    """Remove the uploads of this account not confirmed within KEPT_SECONDS."""
    now = time.time() if now is None else now
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            info = folder.lstat()
        except OSError:
            continue
        if (
            stat.S_ISDIR(info.st_mode)
            and info.st_uid == os.getuid()
            and now - info.st_mtime > KEPT_SECONDS
        ):
            shutil.rmtree(folder, ignore_errors=True)
