# Audit events are browsed on /audit/ (county admins); the admin offers no way to change them.
