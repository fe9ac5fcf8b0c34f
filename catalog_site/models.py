"""The models of this app, where Django looks for them: the table revision counter
(catalog/models.py, beside the common base of films and books), the providers' answer
cache (providers/models.py) and the record of runs (history/models.py)."""

from .catalog.models import Revision
from .history.models import Change, Run
from .providers.models import ProviderAnswer

__all__ = ["Change", "ProviderAnswer", "Revision", "Run"]
