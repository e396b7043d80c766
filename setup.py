"""What the wheel carries (pyproject.toml holds the metadata and the dependencies).

Every app is a package found here, sub-packages included. The site's top-level folders stay
where they are in the checkout (templates/, static/, locale/ with the compiled .mo catalogues,
and Bootstrap from node_modules/) and travel in the wheel as the data of `lms_site.*` packages,
so that an installed site finds them next to the apps (lms/settings/base.py, SITE_DIR).
`make wheel-check` builds the wheel and runs it from a fresh virtualenv.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent

APPS = [
    "lms",
    "courses",
    "assessments",
    "certificates",
    "privacy",
    "workspace",
    "mentors",
    "indicators",
    "demo",
]
SITE_FOLDERS = {
    "lms_site.templates": "templates",
    "lms_site.static": "static",
    "lms_site.locale": "locale",
    "lms_site.bootstrap": "node_modules/bootstrap/dist",
    "lms_site.htmx": "node_modules/htmx.org/dist",
    "lms_site.html5_qrcode": "node_modules/html5-qrcode",
    "lms_site.workbox_core": "node_modules/workbox-core/build",
    "lms_site.workbox_routing": "node_modules/workbox-routing/build",
    "lms_site.workbox_strategies": "node_modules/workbox-strategies/build",
    "lms_site.workbox_precaching": "node_modules/workbox-precaching/build",
    "lms_site.idb": "node_modules/idb/build",
}
# An editable install (`make install`) can come before `npm ci`; it needs none of them (a checkout
# uses the folders themselves). The wheel check fails if the wheel lacks one.
SITE_FOLDERS = {name: folder for name, folder in SITE_FOLDERS.items() if (HERE / folder).is_dir()}

setup(
    packages=find_packages(include=[f"{app}{tail}" for app in APPS for tail in ("", ".*")])
    + list(SITE_FOLDERS),
    package_dir=SITE_FOLDERS,
    package_data={name: ["**/*"] for name in SITE_FOLDERS},
    exclude_package_data={"lms_site.locale": ["**/*.po"]},
)
