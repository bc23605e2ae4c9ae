from django.urls import path

from frontline.care import views

app_name = "care"
urlpatterns = [
    path("", views.index, name="index"),
    path("allocations/new/", views.allocation_new, name="allocation_new"),
    path("allocations/<int:pk>/", views.ledger, name="ledger"),
    path("allocations/<int:pk>/disburse/", views.disburse, name="disburse"),
    path("disbursements/", views.disbursement_list, name="disbursements"),
    path("disbursements/export/", views.disbursement_export, name="export"),
    path("disbursements/<int:pk>/voucher/", views.voucher_scan, name="voucher"),
    path("visits/", views.visit_list, name="visits"),
    path("visits/new/", views.visit_new, name="visit_new"),
]
