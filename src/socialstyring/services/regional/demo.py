"""``socialstyring demo --region``: the North Jutland region through the ordinary import,
each municipality's files for that municipality, the offers' files for their operators;
the special terms of the new offer and the demo users."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from socialstyring.demo.region import (
    MUNICIPALITIES,
    OBJECTIVE_FINANCING,
    REGION_TENANT,
    SPECIAL_TERMS,
    USERS,
    generate_region,
    write_region_files,
)
from socialstyring.services.demo import DEMO_PASSWORD, ensure_demo_allowed
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage import tenancy
from socialstyring.storage.models import Membership, ObjectiveFinancing, SpecialTerm
from socialstyring.storage.models.access import ADMIN


def load_region_demo(
    *, seed: int, as_of: dt.date, now: dt.datetime, folder: Path | None = None
) -> str:
    ensure_demo_allowed()
    demo = generate_region(seed=seed, as_of=as_of)
    rows = 0
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(folder) if folder else Path(tmp)
        written = write_region_files(demo, target)
        for code in MUNICIPALITIES:
            with tenancy.activate(code):
                uploads = [Upload.from_path(p) for p in written[code]]
                rows += sum(
                    o.rows for o in import_uploads(uploads, now=now, username="demo", as_of=as_of)
                )
        with tenancy.activate([*MUNICIPALITIES, REGION_TENANT]):
            uploads = [Upload.from_path(p) for p in written["tilbud"]]
            rows += sum(
                o.rows for o in import_uploads(uploads, now=now, username="demo", as_of=as_of)
            )
    with transaction.atomic():
        SpecialTerm.objects.filter(offer_id__in={t[0] for t in SPECIAL_TERMS}).delete()
        SpecialTerm.objects.bulk_create(
            SpecialTerm(
                offer_id=offer,
                term=term,
                first_year=first,
                last_year=last,
                occupancy_pct=rate,
                municipalities=joined,
            )
            for offer, term, first, last, rate, joined in SPECIAL_TERMS
        )
        ObjectiveFinancing.objects.filter(
            offer_id__in={row[1] for row in OBJECTIVE_FINANCING}
        ).delete()
        ObjectiveFinancing.objects.bulk_create(
            ObjectiveFinancing(
                region_code=region,
                offer_id=offer,
                name=name,
                first_year=first,
                last_year=last,
                objective_pct=pct,
                amount=amount,
            )
            for region, offer, name, first, last, pct, amount in OBJECTIVE_FINANCING
        )
        users = _users()
    return "\n".join(
        [
            _(
                "Demo region loaded (seed %(seed)s, as of %(date)s): %(count)s "
                "municipalities, %(rows)s rows."
            )
            % {
                "seed": seed,
                "date": as_of.strftime("%d-%m-%Y"),
                "count": len(MUNICIPALITIES),
                "rows": rows,
            },
            _("Demo users (password '%(password)s'): %(users)s")
            % {"password": DEMO_PASSWORD, "users": ", ".join(users)},
        ]
    )


def _users() -> list[str]:
    for username, first_name, role, code in USERS:
        user, _created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name}
        )
        user.set_password(DEMO_PASSWORD)
        user.is_staff = role == ADMIN
        user.save()
        Membership.objects.filter(user=user).delete()
        with tenancy.activate(code, database=False):
            Membership.objects.create(user=user, role=role)
    return [u[0] for u in USERS]
