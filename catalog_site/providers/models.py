"""Provider answers kept in the database, so a long run that is interrupted and started again
sends no request it already made (see Provider.get)."""

from django.db import models


class ProviderAnswer(models.Model):
    """What a provider answered to one request (without its key), and when. A 404 is kept
    too, as an answer of None."""

    provider = models.CharField(max_length=40)
    request = models.CharField(max_length=500)
    answer = models.JSONField(null=True)
    fetched_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "request"], name="provider_answer_unique")
        ]

    def __str__(self):
        return f"{self.provider} {self.request} ({self.fetched_at:%Y-%m-%d})"
