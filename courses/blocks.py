from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video link"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning"))],
        default="tip",
    )
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = _("Tip or warning")
        template = "blocks/callout.html"


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "blocks/steps.html"


class ChecklistBlock(blocks.StructBlock):
    """A list of what a lesson needs (ingredients, tools), shown as plain bullets: nothing on the
    page can be ticked, so nothing looks as if it could (no "☐")."""

    title = blocks.CharBlock(label=_("Title"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("List of things needed")
        template = "blocks/checklist.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", icon="title", template="blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        features=["h3", "h4", "bold", "italic", "link", "ol", "ul"],
        template="blocks/paragraph.html",
    )
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    steps = StepsBlock()
    checklist = ChecklistBlock()
