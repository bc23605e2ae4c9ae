from django.urls import path

from frontline.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/unmask/", views.person_unmask, name="unmask"),
    path("export/", views.person_export, name="export"),
    path("members/", views.member_list, name="members"),
    path("organizations/", views.organization_list, name="organizations"),
]
