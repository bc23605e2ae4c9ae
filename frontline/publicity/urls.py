from django.urls import path

from frontline.publicity import views, views_reports

app_name = "publicity"
urlpatterns = [
    path("", views.post_list, name="posts"),
    path("posts/new/", views.post_new, name="post_new"),
    path("posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/action/", views.post_action, name="post_action"),
    path("posts/<int:pk>/attach/", views.post_attach, name="post_attach"),
    path("posts/<int:pk>/files/<int:att>/", views.attachment_download, name="attachment"),
    path("posts/<int:pk>/files/<int:att>/remove/", views.attachment_remove, name="attachment_remove"),
    path("calendar/", views.column_calendar, name="calendar"),
    path("deeds/", views.deed_list, name="deeds"),
    path("deeds/new/", views.deed_new, name="deed_new"),
    path("deeds/<int:pk>/", views.deed_detail, name="deed_detail"),
    path("deeds/<int:pk>/action/", views.deed_action, name="deed_action"),
    path("submissions/", views.submission_list, name="submissions"),
    path("submissions/new/", views.submission_new, name="submission_new"),
    path("submissions/<int:pk>/outcome/", views.submission_outcome, name="submission_outcome"),
    path("brief/", views_reports.brief_page, name="brief"),
    path("brief/docx/", views_reports.brief_download, name="brief_docx"),
    path("reports/", views_reports.template_list, name="templates"),
    path("reports/new/", views_reports.template_edit, name="template_new"),
    path("reports/<int:pk>/edit/", views_reports.template_edit, name="template_edit"),
    path("reports/<int:pk>/xlsx/", views_reports.template_export, name="template_export"),
]
