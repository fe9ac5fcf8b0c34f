"""The models of this app, where Django looks for them.

The common base of films and books and the table revision counter are defined in
catalog/models.py; the counter is this app's one table.
"""

from .catalog.models import Revision

__all__ = ["Revision"]
