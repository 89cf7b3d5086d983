"""Template context: the viewer and the navigation their role allows."""

from django.utils.translation import gettext_lazy as _

from socialstyring.services.access import viewer_for

NAV = (  # (url name, label, action that shows it)
    ("overview", _("Overview"), "figures.view"),
    ("grants", _("Grants"), "grants.list"),
    ("snapshots", _("Budget follow-ups"), "snapshots.view"),
    ("buffer_pools", _("Buffer pool"), "buffer.manage"),
    ("worklist", _("Case steering"), "focus.view"),
    ("refunds", _("Refund"), "refunds.view"),
    ("economics", _("Economics"), "economics.view"),
    ("imports", _("Import"), "imports.view"),
    ("audit", _("Audit log"), "audit.view"),
    ("backtest", _("Backtest"), "figures.view"),
    ("regional_offers", _("Region"), "regional.view"),
    ("admin:index", _("Administration"), "users.manage"),
    ("management", _("Management"), "management.view"),
)


def navigation(request):
    viewer = getattr(request, "_viewer", None) or viewer_for(request.user)
    request._viewer = viewer
    return {
        "viewer": viewer,
        "nav": [(name, label) for name, label, action in NAV if viewer.can(action)],
    }
