from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from socialstyring.services.access import viewer_for
from socialstyring.services.roles import ACTIONS, ROLE_CHOICES

LANDING = (  # first page a role can use, in this order of preference
    ("figures.view", "overview"),
    ("grants.list", "grants"),
    ("audit.view", "audit"),
    ("regional.view", "regional_offers"),
)


@login_required
def home(request):
    # The middleware's viewer: read again inside a secretariat's request (no municipality
    # active), PostgreSQL's row-level security would hide its own membership.
    viewer = getattr(request, "_viewer", None) or viewer_for(request.user)
    for action, url_name in LANDING:
        if viewer.can(action):
            return redirect(url_name)
    return redirect("permissions")


@login_required
def permissions(request):
    """What each role may do: rendered from the same table the access layer uses."""
    rows = [(a.label, [role in a.roles for role, _ in ROLE_CHOICES]) for a in ACTIONS.values()]
    return render(request, "accounts/permissions.html", {"roles": ROLE_CHOICES, "rows": rows})
