from outsourcer.api.tests.conftest import api_as  # noqa: F401  (the JSON API client fixture)
from outsourcer.budgets.tests.views_support import frozen, org_url  # noqa: F401  (page-test fixtures)
