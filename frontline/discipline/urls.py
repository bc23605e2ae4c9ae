from django.urls import path

from frontline.discipline import views, views_members, views_teams

app_name = "discipline"
urlpatterns = [
    path("", views.hub, name="hub"),
    # 十严禁
    path("rules/", views.rules, name="rules"),
    path("rules/new/", views.ruleset_new, name="ruleset_new"),
    path("rules/<int:pk>/", views.ruleset_detail, name="ruleset"),
    path("rules/acknowledge/", views.ack_self, name="ack_self"),
    path("rules/pending/", views.ack_pending, name="ack_pending"),
    path("rules/pending/record/", views.ack_record, name="ack_record"),
    # 负面清单 / 追责问责
    path("negative/", views.negative_list, name="negative"),
    path("negative/new/", views.negative_new, name="negative_new"),
    path("negative/<int:pk>/", views.negative_detail, name="negative_detail"),
    path("negative/<int:pk>/evidence/", views.negative_evidence, name="negative_evidence"),
    path("negative/<int:pk>/review/", views.negative_review, name="negative_review"),
    path("negative/<int:pk>/case/", views.case_open, name="case_open"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:pk>/decide/", views.case_decide, name="case_decide"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
    # 十带头 / 党性体检
    path("pledges/", views_members.pledge_list, name="pledges"),
    path("pledges/bulk/", views_members.pledge_bulk, name="pledge_bulk"),
    path("members/<int:pk>/", views_members.member_detail, name="member"),
    path("deeds/", views_members.deed_list, name="deeds"),
    path("deeds/new/", views_members.deed_new, name="deed_new"),
    path("deeds/<int:pk>/", views_members.deed_detail, name="deed"),
    path("deeds/<int:pk>/confirm/", views_members.deed_confirm, name="deed_confirm"),
    path("deeds/<int:pk>/photo/", views_members.deed_photo, name="deed_photo"),
    path("assessments/", views_members.assessment_list, name="assessments"),
    # 党员突击队
    path("teams/", views_teams.team_list, name="teams"),
    path("teams/check/", views_teams.team_check, name="team_check"),
    path("teams/<int:pk>/", views_teams.team_detail, name="team"),
    path("teams/<int:pk>/members/", views_teams.team_add_member, name="team_add_member"),
    # 领导小组 / 工作组
    path("groups/", views_teams.group_list, name="groups"),
    path("groups/<int:pk>/", views_teams.group_detail, name="group"),
]
