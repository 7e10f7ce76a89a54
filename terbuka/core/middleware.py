from django.http import Http404

from terbuka.core.selectors import pemda_by_slug


class PemdaMiddleware:
    """Sets request.pemda from a view's `pemda` URL argument, so that every per-pemda view and
    template works inside exactly one tenant and a wrong slug is a 404 before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.pemda = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("pemda")
        if slug is None:
            return None
        pemda = pemda_by_slug(slug)
        if pemda is None:
            raise Http404("Unknown regional government")
        request.pemda = pemda
        view_kwargs["pemda"] = pemda
        return None
