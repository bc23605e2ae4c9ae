from django.urls import path

from frontline.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.cadre_list, name="cadres"),
    path("cadres/<int:pk>/", views.cadre_profile, name="profile"),
    path("cadres/<int:pk>/observations/", views.observation_new, name="observation_new"),
    path("cadres/<int:pk>/commendations/", views.commendation_new, name="commendation_new"),
    path("cadres/<int:pk>/pool-entries/", views.pool_entry_new, name="pool_entry_new"),
    path("cadres/<int:pk>/adjustments/", views.adjustment_new, name="adjustment_new"),
    path("pools/", views.pools, name="pools"),
    path("pools/<int:pk>/decide/", views.pool_entry_decide, name="pool_entry_decide"),
    path("pools/title-priority-sync/", views.title_priority_sync, name="title_sync"),
]
