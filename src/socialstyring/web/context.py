"""Template context: the viewer and the navigation their role allows."""

from socialstyring.services.access import viewer_for

NAV = (  # (url name, Danish label, action that shows it)
    ("overview", "Overblik", "figures.view"),
    ("grants", "Bevillinger", "grants.list"),
    ("snapshots", "Budgetopfølgninger", "snapshots.view"),
    ("buffer_pools", "Bufferpulje", "buffer.manage"),
    ("imports", "Import", "imports.view"),
    ("audit", "Revisionslog", "audit.view"),
    ("admin:index", "Administration", "users.manage"),
)


def navigation(request):
    viewer = getattr(request, "_viewer", None) or viewer_for(request.user)
    request._viewer = viewer
    return {
        "viewer": viewer,
        "nav": [(name, label) for name, label, action in NAV if viewer.can(action)],
    }
