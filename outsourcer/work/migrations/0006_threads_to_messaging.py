# Task threads moved to the messaging app, which also holds hiring's job Q&A. The tables stay
# where they are: messaging 0001 takes them over in the migration state only (no data moves).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("work", "0005_similar"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Message"),
                migrations.DeleteModel(name="Thread"),
            ],
            database_operations=[],
        ),
    ]
