from django.db import models

from catalog_site.catalog.grades import Grade
from catalog_site.catalog.models import CatalogEntry, parsed_date_fields
from catalog_site.catalog.text import duplicate_key, search_key


class Play(CatalogEntry):
    title = models.CharField(max_length=300)
    theatre = models.CharField(max_length=200, blank=True)
    date_text = models.CharField("date seen", max_length=60, blank=True)
    grade = models.CharField(max_length=5, choices=Grade.choices, blank=True)
    a_grade_rank = models.PositiveIntegerField(null=True, blank=True)
    image_url = models.URLField("poster url", max_length=500, blank=True)
    format = models.CharField(max_length=100, blank=True)

    date, date_precision = parsed_date_fields("seen")
    sort_title = models.CharField(max_length=300, blank=True, editable=False)

    def __str__(self):
        return self.display_title

    @classmethod
    def derived_values(cls, values):
        title = values["title"]
        return {
            **super().derived_values(values),
            "search_text": search_key(title, values["theatre"]),
            "duplicate_key": duplicate_key(title, values["theatre"]),
        }
