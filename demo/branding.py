"""The demo's logo and signature: drawn here with Pillow (shapes only, no font, no borrowed
artwork) and stored as Wagtail images in the "Branding" collection, where only administrators
change them (certificates/branding.py). Idempotent: an image already there is kept."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from certificates.branding import branding_collection

LOGO_TITLE = "Riverside Training Centre logo (demo)"
SIGNATURE_TITLE = "Giulia Romano signature (demo)"
INK = (29, 43, 54)
BLUE = (45, 95, 124)
GOLD = (201, 148, 46)
SCALE = 3  # drawn larger, then reduced: smooth edges without an anti-aliasing library


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    size = (image.width // SCALE, image.height // SCALE)
    image.resize(size, Image.Resampling.LANCZOS).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def logo_png() -> bytes:
    """A round emblem: a river's three waves under an ear of wheat, in the certificate's blue."""
    size = 240 * SCALE
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    pad = 8 * SCALE
    draw.ellipse([pad, pad, size - pad, size - pad], outline=BLUE, width=12 * SCALE)
    centre = size // 2
    # The ear of wheat: a stem and pairs of grains up it.
    draw.line([(centre, 60 * SCALE), (centre, 150 * SCALE)], fill=GOLD, width=6 * SCALE)
    for step in range(5):
        y = (70 + step * 16) * SCALE
        for side in (-1, 1):
            x0 = centre + side * 4 * SCALE
            x1 = centre + side * 30 * SCALE
            box = [min(x0, x1), y - 8 * SCALE, max(x0, x1), y + 8 * SCALE]
            draw.ellipse(box, fill=GOLD)
    draw.ellipse([centre - 9 * SCALE, 48 * SCALE, centre + 9 * SCALE, 72 * SCALE], fill=GOLD)
    # Three waves.
    for row in range(3):
        base = (160 + row * 18) * SCALE
        points = [
            (x, base + 7 * SCALE * math.sin((x / SCALE) / 14.0))
            for x in range(50 * SCALE, 191 * SCALE, SCALE)
        ]
        draw.line(points, fill=BLUE, width=7 * SCALE, joint="curve")
    return _png(image)


def signature_png() -> bytes:
    """A hand-written-looking stroke: loops along a line that rises a little, then a flourish."""
    width, height = 420 * SCALE, 120 * SCALE
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for i in range(0, 900):
        t = i / 900
        loops = 2 * math.pi * 5.5 * t
        x = 30 + 340 * t**0.9 + 22 * (1 - t) * math.sin(loops)
        y = 70 - 14 * t - 34 * (1 - 0.7 * t) * math.cos(loops) * (0.7 + 0.3 * math.sin(t * 11))
        points.append((x * SCALE, y * SCALE))
    draw.line(points, fill=INK, width=4 * SCALE, joint="curve")
    flourish = [
        ((60 + 330 * t) * SCALE, (104 - 22 * t - 8 * math.sin(t * math.pi)) * SCALE)
        for t in (i / 200 for i in range(201))
    ]
    draw.line(flourish, fill=INK, width=3 * SCALE, joint="curve")
    return _png(image)


def _image(title: str, filename: str, content: bytes):
    Image_ = get_image_model()
    collection = branding_collection()
    found = Image_.objects.filter(title=title, collection=collection).first()
    if found is not None:
        return found
    return Image_.objects.create(
        title=title,
        collection=collection,
        file=ImageFile(io.BytesIO(content), name=filename),
    )


def branding_images():
    """(logo, signature) as Wagtail images in the Branding collection."""
    return (
        _image(LOGO_TITLE, "riverside-logo.png", logo_png()),
        _image(SIGNATURE_TITLE, "riverside-signature.png", signature_png()),
    )
