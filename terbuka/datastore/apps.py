from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatastoreConfig(AppConfig):
    name = "terbuka.datastore"
    label = "datastore"
    verbose_name = _("Satu Data datastore")

    def ready(self) -> None:
        from django.utils.translation import gettext

        from terbuka.datastore import registrations  # noqa: F401
        from terbuka.datastore.ingest import messages

        # The pure pipeline's messages are rendered in the reader's language.
        messages.set_translator(gettext)
