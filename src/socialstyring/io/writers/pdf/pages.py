"""The report's pages: the title page, the summary (with the buffer pool), and one table
of accounts per area."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, TableStyle

from socialstyring import terms
from socialstyring.io.formatting import date_dk, kroner
from socialstyring.io.writers.pdf.model import BufferSummary, CommitteeReport, ReportLine
from socialstyring.io.writers.pdf.styles import STYLES, deviation_colour, grid_style, markup
from socialstyring.io.writers.pdf.tagging import Paragraph, Table
from socialstyring.translation import _, pgettext

MEASURES = terms.MEASURE_FIELDS
MEASURE_LABELS = tuple(m.short for m in terms.MEASURES)


def by_area(lines: Iterable[ReportLine]) -> list[tuple[str, list[ReportLine]]]:
    groups: dict[str, list[ReportLine]] = {}
    for line in lines:
        groups.setdefault(line.area, []).append(line)
    return list(groups.items())


def _sum(lines: Iterable[ReportLine], measure: str) -> float:
    return sum(getattr(line, measure) for line in lines)


def _deviation_words(deviation: float) -> str:
    if round(deviation) < 0:
        return _("an expected overspend of %(amount)s") % {"amount": kroner(-deviation)}
    if round(deviation) > 0:
        return _("an expected underspend of %(amount)s") % {"amount": kroner(deviation)}
    return _("an expected outturn on budget")


def heading(report: CommitteeReport) -> list:
    """The report's first lines: title, the kind of follow-up and the as-of day, the author.
    No cover page: the summary follows on the same page, as an agenda item reads."""
    kind = (
        _("The year's final budget follow-up for the budget year %(year)s")
        if report.is_final
        else _("Budget follow-up for the budget year %(year)s")
    ) % {"year": report.year}
    as_of = _("As of %(date)s") % {"date": date_dk(report.as_of)}
    subtitle = " · ".join(p for p in (report.organisation, kind, as_of) if p)
    return [
        Paragraph(markup(report.title), STYLES["title"]),
        Paragraph(markup(subtitle), STYLES["subtitle"]),
        Paragraph(
            markup(_("Prepared by %(user)s on %(day)s at %(time)s"))
            % {
                "user": markup(report.created_by),
                "day": date_dk(report.created_at),
                "time": f"{report.created_at:%H.%M}",
            },
            STYLES["body"],
        ),
    ]


def explanation() -> Paragraph:
    return Paragraph(
        markup(
            _(
                "The specialised social services: expected outturn = spent to date + "
                "committed for the rest of the year. Deviation = budget - expected "
                "(positive: underspend, negative: overspend)."
            )
        ),
        STYLES["comment"],
    )


def summary(report: CommitteeReport) -> list:
    lines = report.lines
    deviation = _sum(lines, "deviation")
    rows = [
        [label, kroner(_sum(lines, m))] for label, m in zip(MEASURE_LABELS, MEASURES, strict=True)
    ]
    table = Table(
        [[_("The whole area"), _("Amount")], *rows], colWidths=[80 * mm, 45 * mm], hAlign="LEFT"
    )
    table.setStyle(
        grid_style(font_size=10)
        + [
            ("TEXTCOLOR", (1, len(rows)), (1, len(rows)), deviation_colour(deviation)),
        ]
    )
    parts = [
        Paragraph(markup(pgettext("committee report", "Summary")), STYLES["h2"]),
        Paragraph(
            markup(
                _("As of %(date)s the follow-up shows %(deviation)s")
                % {"date": date_dk(report.as_of), "deviation": _deviation_words(deviation)}
            ),
            STYLES["body"],
        ),
    ]
    if report.note:
        parts += [
            Paragraph(markup(_("Overall comment")), STYLES["h2"]),
            Paragraph(markup(report.note), STYLES["body"]),
        ]
    parts += [Spacer(1, 3 * mm), table, Spacer(1, 2 * mm), explanation()]
    if report.buffer is not None:
        parts += buffer_section(report.buffer)
    return parts


def buffer_section(pool: BufferSummary) -> list:
    if pool.released:
        status = _("Released: %(amount)s at the year's final budget follow-up.") % {
            "amount": kroner(pool.released_amount)
        }
    else:
        status = _("Not released.")
    status_text = markup(
        _(
            "%(names)s: %(amount)s has been set aside. %(status)s Deviation without buffer "
            "pool: %(without)s; with buffer pool: %(with)s"
        )
    ) % {
        "names": markup(pool.names),
        "amount": kroner(pool.amount),
        "status": markup(status),
        "without": kroner(pool.deviation_without),
        "with": kroner(pool.deviation_with),
    }
    parts = [
        Paragraph(markup(_("Buffer pool")), STYLES["h2"]),
        Paragraph(status_text, STYLES["body"]),
    ]
    if pool.rule:
        parts.append(
            Paragraph(markup(_("Rule: %(rule)s")) % {"rule": markup(pool.rule)}, STYLES["body"])
        )
    return parts


def area_table(area: str, lines: list[ReportLine]) -> list:
    """One row of figures per account, its comment in a full-width row below it."""
    header = [_("Account"), *(m.narrow for m in terms.MEASURES)]
    data: list[list] = [header]
    style = grid_style(font_size=7.5)
    for line in lines:
        colour = deviation_colour(line.deviation).hexval()[2:]
        data.append(
            [
                Paragraph(f"<b>{escape(line.account)}</b> {markup(line.name)}", STYLES["cell"]),
                *(Paragraph(kroner(getattr(line, m)), STYLES["num"]) for m in MEASURES[:-1]),
                Paragraph(
                    f'<font color="#{colour}">{kroner(line.deviation)}</font>', STYLES["num"]
                ),
            ]
        )
        if line.comment:
            comment = markup(_("Comment: %(comment)s")) % {"comment": markup(line.comment)}
            data.append([Paragraph(comment, STYLES["comment"])])
            row = len(data) - 1
            # The comment stays on the page of the figures it explains.
            style += [("SPAN", (0, row), (-1, row)), ("NOSPLIT", (0, row - 1), (-1, row))]
    data.append(
        [_("Total %(label)s") % {"label": area}, *(kroner(_sum(lines, m)) for m in MEASURES)]
    )
    style += [
        ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
        ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
    ]
    table = Table(
        data, colWidths=[60 * mm, 23 * mm, 23 * mm, 23 * mm, 23 * mm, 22 * mm], repeatRows=1
    )
    table.setStyle(TableStyle(style))
    return [Paragraph(markup(area), STYLES["h2"]), table]
