from django.urls import path

from frontline.accounts import views

app_name = "accounts"
urlpatterns = [path("otp/", views.otp, name="otp")]
