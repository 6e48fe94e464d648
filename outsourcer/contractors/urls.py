app_name = "contractors"

urlpatterns: list = []
