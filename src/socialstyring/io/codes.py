"""Danish codes in files → the core's codes, and back for display."""

PRICE_UNITS = {
    "dag": "day",
    "dage": "day",
    "døgn": "day",
    "doegn": "day",
    "daglig": "day",
    "pr. dag": "day",
    "daily": "day",
    "day": "day",
    "uge": "week",
    "ugentlig": "week",
    "pr. uge": "week",
    "weekly": "week",
    "week": "week",
    "måned": "month",
    "maaned": "month",
    "md": "month",
    "md.": "month",
    "mdr": "month",
    "månedlig": "month",
    "maanedlig": "month",
    "pr. måned": "month",
    "monthly": "month",
    "month": "month",
    "år": "year",
    "aar": "year",
    "årlig": "year",
    "aarlig": "year",
    "pr. år": "year",
    "yearly": "year",
    "annual": "year",
    "year": "year",
    "time": "hour",
    "timer": "hour",
    "timer pr. uge": "hour",
    "hour": "hour",
    "hours": "hour",
    "hourly": "hour",
    "engang": "once",
    "engangs": "once",
    "engangsbeløb": "once",
    "engangsydelse": "once",
    "once": "once",
    "one-off": "once",
    "oneoff": "once",
    # minutes per week are hours per week ÷ 60 (see import-format.md)
    "minut": "minute",
    "minutter": "minute",
    "minutter pr. uge": "minute",
    "minutes": "minute",
}
PRICE_UNIT_LABELS = {
    "day": "dag",
    "week": "uge",
    "month": "måned",
    "year": "år",
    "hour": "time",
    "once": "engang",
}

AREAS = {
    "børn": "children",
    "boern": "children",
    "born": "children",
    "børn og unge": "children",
    "children": "children",
    "voksen": "adults",
    "voksne": "adults",
    "adults": "adults",
    "adult": "adults",
}
AREA_LABELS = {"children": "Børn og unge", "adults": "Voksne"}

PROVIDER_TYPES = {
    "egen": "own",
    "egen kommune": "own",
    "own": "own",
    "anden_kommune": "other_municipality",
    "anden kommune": "other_municipality",
    "andenkommune": "other_municipality",
    "other_municipality": "other_municipality",
    "region": "region",
    "regional": "region",
    "privat": "private",
    "private": "private",
}
PROVIDER_TYPE_LABELS = {
    "own": "Egen kommune",
    "other_municipality": "Anden kommune",
    "region": "Region",
    "private": "Privat",
}

BUDGET_KINDS = {
    "oprindeligt": "adopted",
    "oprindelig": "adopted",
    "vedtaget": "adopted",
    "korrigeret": "corrected",
    "korr": "corrected",
    "korr.": "corrected",
}

SIGNS = {"d": 1.0, "debet": 1.0, "k": -1.0, "kredit": -1.0}
