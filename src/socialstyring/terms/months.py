"""Danish month names, in full and as the chart's axis shows them."""

MONTH_NAMES = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
MONTH_ABBR = tuple(name[:3] for name in MONTH_NAMES)
