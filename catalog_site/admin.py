"""Django's own admin site (/admin/) holds the accounts: users, groups and API tokens.

The films and books have admin sites of their own (films/admin.py, books/admin.py, on the
shared classes of catalog/admin.py).
"""

from django.contrib import admin

admin.site.site_header = "Catalog accounts"
admin.site.site_title = "Catalog accounts"
admin.site.index_title = "Users and groups"
