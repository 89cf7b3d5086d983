"""Month names, in full and as the chart's axis shows them (translated, see docs/i18n.md)."""

from socialstyring.translation import pgettext

MONTH_NAMES = (
    pgettext("month name", "January"),
    pgettext("month name", "February"),
    pgettext("month name", "March"),
    pgettext("month name", "April"),
    pgettext("month name", "May"),
    pgettext("month name", "June"),
    pgettext("month name", "July"),
    pgettext("month name", "August"),
    pgettext("month name", "September"),
    pgettext("month name", "October"),
    pgettext("month name", "November"),
    pgettext("month name", "December"),
)
MONTH_ABBR = (
    pgettext("month abbreviation", "Jan"),
    pgettext("month abbreviation", "Feb"),
    pgettext("month abbreviation", "Mar"),
    pgettext("month abbreviation", "Apr"),
    pgettext("month abbreviation", "May"),
    pgettext("month abbreviation", "Jun"),
    pgettext("month abbreviation", "Jul"),
    pgettext("month abbreviation", "Aug"),
    pgettext("month abbreviation", "Sep"),
    pgettext("month abbreviation", "Oct"),
    pgettext("month abbreviation", "Nov"),
    pgettext("month abbreviation", "Dec"),
)
