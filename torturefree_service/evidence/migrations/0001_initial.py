import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="EvidenceReview",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("item_id", models.CharField(db_index=True, max_length=80)),
                ("reviewed_on", models.DateField()),
                ("next_review", models.DateField()),
                ("note", models.TextField(blank=True)),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "reviewer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="evidence_reviews",
                        to="organisations.person",
                    ),
                ),
            ],
            options={
                "ordering": ["item_id", "reviewed_on", "id"],
            },
        ),
    ]
