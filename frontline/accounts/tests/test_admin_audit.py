"""Every write through the admin site is audited, the password a county admin sets for a user too."""

from frontline.audit.models import AuditEvent


def test_password_set_in_the_admin_is_audited_without_the_password(users, client_for):
    target = users["gaoxing_admin"]
    response = client_for("county_admin").post(
        f"/admin/accounts/user/{target.pk}/password/",
        {"password1": "Xingguo@2020-new!", "password2": "Xingguo@2020-new!", "usable_password": "true"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password("Xingguo@2020-new!")
    event = AuditEvent.objects.get(object_type="accounts.user", object_id=str(target.pk))
    assert event.actor == users["county_admin"] and event.action == "update"
    assert event.detail["fields"] == ["password"] and event.detail["via"] == "admin"
    assert "Xingguo@2020-new!" not in str(event.detail)
