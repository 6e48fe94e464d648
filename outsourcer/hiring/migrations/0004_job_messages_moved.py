# The bidders' Q&A lives in messaging now (messaging 0003 moved the rows).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("hiring", "0003_similar"),
        ("messaging", "0003_job_messages"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="jobmessage",
            name="job_message_thread",
        ),
        migrations.DeleteModel(
            name="JobMessage",
        ),
    ]
