import time
import pytest
from django.db import connection
from django.utils import timezone
from datetime import timedelta
pytestmark = pytest.mark.django_db

def test_probe():
    from tests._alerts_helpers import make_policy
    from ccnt.search.query import parse_filters, queryset
    from ccnt.feeds.models import PolicyEvent
    from django.http import QueryDict
    make_policy("某省储能实施方案（测试一）", "储能。")
    params = parse_filters(QueryDict("q=储能"))
    since = timezone.now() - timedelta(hours=1)
    published = PolicyEvent.objects.filter(kind="published", at__gt=since)
    qs = queryset(params).filter(pk__in=published.values("policy_id"))
    t = time.time(); print(qs.count(), time.time() - t)
    sql, p = qs.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as c:
        c.execute("EXPLAIN ANALYZE " + sql, p)
        print("\n".join(r[0] for r in c.fetchall()))
    ids = list(published.values_list("policy_id", flat=True))
    t = time.time(); print(queryset(params).filter(pk__in=ids).count(), time.time() - t)
    t = time.time(); print(queryset(params).count(), time.time() - t)
