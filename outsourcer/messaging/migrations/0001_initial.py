# The task threads' tables (work 0002) taken over in the migration state only: the rows stay, so
# nothing is copied, on SQLite and PostgreSQL alike. 0002 renames them and adds jobs.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0005_session_with_user"),
        ("contractors", "0002_merge_constraints"),
        ("work", "0006_threads_to_messaging"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Thread",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("last_message_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "contractor",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.RESTRICT,
                                related_name="+",
                                to="contractors.contractor",
                            ),
                        ),
                        (
                            "organization",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.RESTRICT,
                                related_name="+",
                                to="accounts.organization",
                            ),
                        ),
                        (
                            "task",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE, related_name="thread", to="work.task"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "work_thread",
                    },
                ),
                migrations.CreateModel(
                    name="Message",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("from_contractor", models.BooleanField()),
                        ("body", models.TextField(blank=True)),
                        ("urgent", models.BooleanField(default=False)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("deliver_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("attachment", models.FileField(blank=True, max_length=255, upload_to="messages/%Y/%m/")),
                        ("attachment_name", models.CharField(blank=True, max_length=200)),
                        ("attachment_size", models.PositiveIntegerField(default=0)),
                        (
                            "author",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "contractor",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.RESTRICT,
                                related_name="+",
                                to="contractors.contractor",
                            ),
                        ),
                        (
                            "organization",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.RESTRICT,
                                related_name="+",
                                to="accounts.organization",
                            ),
                        ),
                        (
                            "task",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="work.task",
                            ),
                        ),
                        (
                            "thread",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="messages",
                                to="messaging.thread",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["id"],
                        "db_table": "work_message",
                    },
                ),
                migrations.AddIndex(
                    model_name="thread",
                    index=models.Index(fields=["organization", "task"], name="thread_org_task"),
                ),
                migrations.AddIndex(
                    model_name="thread",
                    index=models.Index(fields=["contractor", "task"], name="thread_contractor_task"),
                ),
                migrations.AddIndex(
                    model_name="message",
                    index=models.Index(fields=["organization", "task", "id"], name="message_org_task"),
                ),
                migrations.AddIndex(
                    model_name="message",
                    index=models.Index(fields=["contractor", "task", "deliver_at"], name="message_contractor_task"),
                ),
                migrations.AddIndex(
                    model_name="message",
                    index=models.Index(
                        condition=models.Q(("from_contractor", True), ("read_at", None)),
                        fields=["organization", "id"],
                        name="message_org_unread",
                    ),
                ),
                migrations.AddIndex(
                    model_name="message",
                    index=models.Index(
                        condition=models.Q(("from_contractor", False), ("read_at", None)),
                        fields=["contractor", "deliver_at"],
                        name="message_contractor_unread",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="message",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("body", ""), _negated=True),
                            models.Q(("attachment", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="message_has_content",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="message",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("deliver_at__gte", models.F("created_at"))), name="message_not_early"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
