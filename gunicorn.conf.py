"""gunicorn reads this from the working directory (`gunicorn frontline.wsgi`, run in the repository).

Access log lines name the path, never the query string, the full request line or the Referer: a URL
must not carry personal data (searches go by POST), and the log must not keep any that slipped in.
"""

# remote address, time, method, path (no query), status, bytes, seconds
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)s'
