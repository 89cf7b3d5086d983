"""Each request works for the signed-in user's municipality, and sees nothing else."""

from __future__ import annotations

from socialstyring.services.access import viewer_for
from socialstyring.services.tenants import working_for


class TenancyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        viewer = viewer_for(request.user)
        request._viewer = viewer
        with working_for(viewer):
            return self.get_response(request)
