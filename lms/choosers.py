"""Snippet choosers without a "Create" tab.

Wagtail registers a chooser's create URL even when the chooser offers no creation form (no
`creation_form_class` or form fields: the tab is left out), and a POST there fails on the
missing form. The project's snippets are created on their own pages (enrolments through
`courses.services`, checklists with their criteria), so the URL answers 404 instead; someone
without the add permission is still turned away first, as Wagtail does."""

from django.http import Http404
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView


class CreationOffCreateView(SnippetCreateView):
    def get(self, request):
        if self.creation_form_class is None:
            raise Http404
        return super().get(request)

    def post(self, request):
        if self.creation_form_class is None:
            raise Http404
        return super().post(request)


class CreationOffChooserViewSet(SnippetChooserViewSet):
    create_view_class = CreationOffCreateView
