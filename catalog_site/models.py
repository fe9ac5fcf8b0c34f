"""The models of this app, where Django looks for them: the table revision counter
(catalog/models.py, beside the common base of films and books) and the providers' answer
cache (providers/models.py)."""

from .catalog.models import Revision
from .providers.models import ProviderAnswer

__all__ = ["ProviderAnswer", "Revision"]
