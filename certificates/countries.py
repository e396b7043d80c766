"""The awarding body's country: kept as an ISO 3166 code, printed in the certificate's language.

Names come from Babel's CLDR data (already used for dates: lms/formats.py), so "IT" reads Italy,
Italia, Italia and Itália without a translation to keep. The European Learning Model names a
country by the EU Publications Office's authority list, which uses the three-letter code: the
countries offered are those of the EU and the EEA, with Switzerland and the United Kingdom."""

from babel import Locale
from django.conf import settings
from django.utils import translation

ALPHA3 = {
    "AT": "AUT", "BE": "BEL", "BG": "BGR", "CH": "CHE", "CY": "CYP", "CZ": "CZE", "DE": "DEU",
    "DK": "DNK", "EE": "EST", "ES": "ESP", "FI": "FIN", "FR": "FRA", "GB": "GBR", "GR": "GRC",
    "HR": "HRV", "HU": "HUN", "IE": "IRL", "IS": "ISL", "IT": "ITA", "LI": "LIE", "LT": "LTU",
    "LU": "LUX", "LV": "LVA", "MT": "MLT", "NL": "NLD", "NO": "NOR", "PL": "POL", "PT": "PRT",
    "RO": "ROU", "SE": "SWE", "SI": "SVN", "SK": "SVK",
}  # fmt: skip
EU_COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country"


def country_name(code: str, language: str | None = None) -> str:
    """'IT' as `language` (the active one by default) writes it; '' for no code."""
    if not code:
        return ""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return Locale.parse(language).territories.get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """The countries offered, named and sorted in the active language (a callable: the admin's
    language is known only when the form is drawn)."""
    return sorted(
        ((code, country_name(code)) for code in ALPHA3), key=lambda pair: pair[1].casefold()
    )


def country_code_of(name: str) -> str:
    """The code of a country written out in English ('Italy' -> 'IT'), or '' if none matches."""
    names = Locale.parse("en").territories
    wanted = name.strip().casefold()
    return next((code for code in ALPHA3 if names.get(code, "").casefold() == wanted), "")


def country_uri(code: str) -> str:
    """The EU authority list's address of a country, for the European Learning Model."""
    return f"{EU_COUNTRY_AUTHORITY}/{ALPHA3[code]}" if code in ALPHA3 else ""
