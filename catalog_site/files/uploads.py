"""Uploads past IMPORT_MAX_BYTES are not stored.

Django keeps an upload in memory, then in a temporary file, whatever its size; the import
would refuse a file over IMPORT_MAX_BYTES only once all of it was on disk. This handler, first
in settings.FILE_UPLOAD_HANDLERS, skips the file as soon as it passes the limit: what was
stored of it is removed, the rest of the request is read and dropped, and the request says
which file was refused (`request.upload_refused`), for the page to say so.
"""

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
