"""Feed events for policies published before the feeds app existed: the first publication at the
policy's creation, each later published version as an update at the version's creation."""

from django.db import migrations


def backfill(apps, schema_editor):
    Policy = apps.get_model("tracker", "Policy")
    PolicyVersion = apps.get_model("tracker", "PolicyVersion")
    PolicyEvent = apps.get_model("feeds", "PolicyEvent")
    events = []
    for policy in Policy.objects.filter(review_state="published").iterator():
        if PolicyEvent.objects.filter(policy_id=policy.pk).exists():
            continue
        versions = list(PolicyVersion.objects.filter(policy_id=policy.pk).order_by("number"))
        published = next((v for v in versions if v.pk == policy.published_version_id), None)
        shown = [v for v in versions if published is None or v.number <= published.number]
        first = shown[0] if shown else None
        events.append(PolicyEvent(policy_id=policy.pk, version_id=first.pk if first else None, kind="published",
                                  at=policy.created_at))
        for version in shown[1:]:
            events.append(PolicyEvent(policy_id=policy.pk, version_id=version.pk, kind="updated",
                                      at=version.created_at))
    PolicyEvent.objects.bulk_create(events, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("feeds", "0001_initial")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
