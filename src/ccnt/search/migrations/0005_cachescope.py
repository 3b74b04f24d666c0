from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("search", "0004_not_public_index")]

    operations = [
        migrations.CreateModel(
            name="CacheScope",
            fields=[
                ("key", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField(default=0)),
            ],
        ),
    ]
