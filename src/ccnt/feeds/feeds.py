"""Atom feeds of newly published policies: the whole tracker, a region, a category, or any search
(``/policies/feed/?q=储能&jurisdiction=320000`` takes the search page's own filters, parsed and
applied by ``ccnt.search.query``). A policy whose published text changed comes again, as an
"updated" entry with its own id."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.utils.feedgenerator import Atom1Feed

from ccnt.api import licence
from ccnt.tracker.models import Category, Jurisdiction

from .models import PolicyEvent

LIMIT = 50
# the page parameters a feed ignores: it always lists the newest entries
PAGE_ONLY = ("sort", "page", "format")


class FeedContext:
    def __init__(self, params, title: str, page: str) -> None:
        self.params, self.title, self.page = params, title, page


class PolicyFeed(Feed):
    feed_type = Atom1Feed
    author_name = "零碳录 ccnt"
    title_prefix = "零碳录 · 新发布政策"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except ValueError as error:
            return HttpResponse(f"400 Bad request: {error}", status=400, content_type="text/plain; charset=utf-8")

    def parse(self, data, **fixed):
        from django.http import QueryDict

        from ccnt.search import query

        values = QueryDict(mutable=True)
        for name in data:
            if name in query.FILTER_NAMES and name not in PAGE_ONLY:
                values.setlist(name, data.getlist(name))
        for name, value in fixed.items():
            values[name] = value
        return query.parse_filters(values)

    def get_object(self, request, *args, **kwargs) -> FeedContext:
        params = self.parse(request.GET)
        query = params.urlencode()
        return FeedContext(params, self.title_prefix, "/policies/" + ("?" + query if query else ""))

    # -- the feed ---------------------------------------------------------------------------

    def title(self, obj: FeedContext) -> str:
        return obj.title

    def link(self, obj: FeedContext) -> str:
        return obj.page

    def subtitle(self, obj: FeedContext) -> str:
        meta = licence.meta()
        return f"数据许可 Data licence: {meta['license']} ({meta['license_url']}). {meta['notice']}"

    def feed_guid(self, obj: FeedContext) -> str:
        return "urn:ccnt:feed:" + (obj.params.urlencode() or "all")

    def feed_copyright(self, obj: FeedContext) -> str:
        return licence.meta()["license"]

    def items(self, obj: FeedContext):
        from ccnt.search import query

        public = query.queryset(obj.params).order_by().values("id")
        return list(
            PolicyEvent.objects.filter(kind__in=[PolicyEvent.Kind.PUBLISHED, PolicyEvent.Kind.UPDATED],
                                       policy_id__in=public)
            .select_related("policy", "policy__category", "version")
            .prefetch_related("policy__issuer_links__authority", "policy__sectors")
            .order_by("-at", "-id")[:LIMIT]
        )

    # -- entries ----------------------------------------------------------------------------

    def item_title(self, event: PolicyEvent) -> str:
        prefix = "【更新 Updated】" if event.kind == PolicyEvent.Kind.UPDATED else ""
        return prefix + event.policy.title

    def item_link(self, event: PolicyEvent) -> str:
        return f"/policies/{event.policy_id}/"

    def item_guid(self, event: PolicyEvent) -> str:
        if event.kind == PolicyEvent.Kind.UPDATED:
            number = event.version.number if event.version_id else event.pk
            return f"urn:ccnt:policy:{event.policy_id}:v{number}"
        return f"urn:ccnt:policy:{event.policy_id}"

    def item_description(self, event: PolicyEvent) -> str:
        policy = event.policy
        issuers = "、".join(link.authority.name for link in policy.issuer_links.all())
        date = policy.published_date or policy.signed_date
        head = f"{issuers}发布《{policy.title}》" if issuers else f"《{policy.title}》"
        if date:
            head += f"（{date.isoformat()}）"
        if event.kind == PolicyEvent.Kind.UPDATED:
            head += "。文本已更新 The published text changed"
        summary = policy.summary_zh or policy.summary_en
        return head + ("。" + summary if summary else "")

    def item_author_name(self, event: PolicyEvent) -> str:
        names = [link.authority.name for link in event.policy.issuer_links.all()]
        return "、".join(names) or "零碳录 ccnt"

    def item_pubdate(self, event: PolicyEvent):
        return event.at

    def item_updateddate(self, event: PolicyEvent):
        return event.at

    def item_categories(self, event: PolicyEvent) -> list[str]:
        policy = event.policy
        terms = [event.kind]
        if policy.category_id:
            terms.append(policy.category.code)
        terms += [s.code for s in policy.sectors.all()]
        return terms


class AllPoliciesFeed(PolicyFeed):
    def get_object(self, request, *args, **kwargs) -> FeedContext:
        return FeedContext(self.parse({}), self.title_prefix, "/policies/")


class RegionFeed(PolicyFeed):
    def get_object(self, request, adcode: str) -> FeedContext:
        place = Jurisdiction.objects.by_adcode(adcode)
        if place is None:
            raise Http404(f"No jurisdiction with adcode {adcode}")
        params = self.parse({}, jurisdiction=adcode)
        return FeedContext(params, f"{self.title_prefix} · {place.name}", f"/policies/?jurisdiction={adcode}")


class CategoryFeed(PolicyFeed):
    def get_object(self, request, code: str) -> FeedContext:
        category = Category.objects.filter(code=code).first()
        if category is None:
            raise Http404(f"No category {code}")
        params = self.parse({}, category=code)
        return FeedContext(params, f"{self.title_prefix} · {category.name_zh}", f"/policies/?category={code}")
