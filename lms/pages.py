"""Wagtail page behaviour shared by the site's page types: fewer queries per page served."""

from django.db.models import Q
from django.http import Http404
from wagtail.models import PageViewRestriction


class PageServingMixin:
    """Routing and the view-restriction check with fewer queries, with Wagtail's answers.

    Wagtail finds each child on the way down in two queries (the page, then its specific row);
    a page whose children can only be of one type finds the child in one, with the relations
    that the child's type names in `route_select_related` (what its own page shows). Wagtail
    checks view restrictions in two (the ancestors, then their restrictions); here in one."""

    route_select_related: tuple[str, ...] = ()

    def route(self, request, path_components):
        models = type(self).allowed_subpage_models()
        if not path_components or len(models) != 1:
            return super().route(request, path_components)
        try:
            children = models[0].objects.child_of(self)
            related = getattr(models[0], "route_select_related", ())
            if related:  # (select_related() with no names would follow every relation)
                children = children.select_related(*related)
            subpage = children.get(slug=path_components[0])
        except models[0].DoesNotExist as error:
            raise Http404 from error
        subpage._cached_parent_obj = self  # as Wagtail's own Page.route does: no query for it
        return subpage.route(request, path_components[1:])

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors, or on the pages those are aliases
        of (as `Page.get_view_restrictions`), found by the ancestors' paths."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()
