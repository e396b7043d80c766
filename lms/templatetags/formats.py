"""Template filters for dates and rates (lms/formats.py), built into every template
(settings.TEMPLATES "builtins"): `{{ cohort.start_date|medium_date }}`, `{{ rate|percent }}`."""

from django import template

from lms import formats

register = template.Library()

register.filter("medium_date", formats.medium_date)
register.filter("short_date", formats.short_date)
register.filter("weekday_date", formats.weekday_date)
register.filter("short_weekday_date", formats.short_weekday_date)
register.filter("month_year", formats.month_year)
register.filter("medium_datetime", formats.medium_datetime)
register.filter("short_time", formats.short_time)
register.filter("percent", formats.percent)
register.filter("percent_whole", formats.percent_whole)
# Not "language_name": {% load i18n %} brings Django's, which gives the English name.
register.filter("language_in_text", formats.language_name)
