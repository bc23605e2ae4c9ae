from django.urls import path

from frontline.community import views, views_jobs, views_produce

app_name = "community"
urlpatterns = [
    path("", views.today, name="today"),
    path("teams/", views.team_list, name="teams"),
    path("teams/new/", views.team_new, name="team_new"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("teams/<int:pk>/edit/", views.team_edit, name="team_edit"),
    path("teams/<int:pk>/log/", views.patrol_log_new, name="patrol_log_new"),
    path("teams/<int:pk>/disband/", views.team_disband, name="team_disband"),
    path("patrols/", views.patrol_list, name="patrols"),
    path("gatherings/", views.gathering_list, name="gatherings"),
    path("gatherings/new/", views.gathering_new, name="gathering_new"),
    path("gatherings/counts/", views.gathering_counts, name="gathering_counts"),
    path("gatherings/<int:pk>/", views.gathering_detail, name="gathering"),
    path("gatherings/<int:pk>/outcome/", views.gathering_outcome, name="gathering_outcome"),
    path("produce/", views_produce.listing_list, name="produce"),
    path("produce/new/", views_produce.listing_new, name="listing_new"),
    path("produce/<int:pk>/", views_produce.listing_detail, name="listing"),
    path("produce/<int:pk>/status/", views_produce.listing_status, name="listing_status"),
    path("produce/<int:pk>/photo/", views_produce.listing_photo, name="listing_photo"),
    path("orders/", views_produce.order_list, name="orders"),
    path("orders/new/", views_produce.order_new, name="order_new"),
    path("orders/<int:pk>/", views_produce.order_detail, name="order"),
    path("orders/<int:pk>/deliver/", views_produce.order_deliver, name="order_deliver"),
    path("orders/<int:pk>/payment/", views_produce.order_payment, name="order_payment"),
    path("orders/<int:pk>/cancel/", views_produce.order_cancel, name="order_cancel"),
    path("jobs/", views_jobs.job_list, name="jobs"),
    path("jobs/new/", views_jobs.posting_new, name="posting_new"),
    path("jobs/<int:pk>/", views_jobs.posting_detail, name="job"),
    path("jobs/<int:pk>/match/", views_jobs.match_new, name="match_new"),
    path("jobs/matches/", views_jobs.match_list, name="matches"),
    path("jobs/matches/<int:pk>/decide/", views_jobs.match_decide, name="match_decide"),
    path("jobs/surveys/", views_jobs.survey_list, name="surveys"),
    path("jobs/surveys/new/", views_jobs.survey_new, name="survey_new"),
]
