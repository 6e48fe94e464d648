"""Data-migration tests: move the test database to given migrations and read rows as they were."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]):
    """Apply or unapply migrations until `targets` ((app, name) pairs) are the latest; answers the
    historical apps at that point, whose models have the fields of then."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
