#!/usr/bin/env bash
# Extract translatable strings per app into <app>/locale/zh_Hans/LC_MESSAGES/django.po and compile
# every .po to .mo (the .mo files are committed, so running Frontline needs no gettext tools).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=frontline.settings PYTHONPATH="$PWD"
ADMIN="$PWD/.venv/bin/django-admin"
for dir in frontline/*/; do
  app=${dir%/}
  [ -f "$app/apps.py" ] || continue
  mkdir -p "$app/locale"
  (cd "$app" && "$ADMIN" makemessages -l zh_Hans --no-obsolete --no-location -v0 --ignore 'tests/*' --ignore 'migrations/*')
  (cd "$app" && "$ADMIN" makemessages -d djangojs -l zh_Hans --no-obsolete --no-location -v0 --ignore 'tests/*' 2>/dev/null || true)
done
# Strings outside any app (frontline/api.py, settings): frontline/locale.
mkdir -p frontline/locale
ignores=()
for dir in frontline/*/; do [ -f "$dir/apps.py" ] && ignores+=(--ignore "$(basename "$dir")/*"); done
(cd frontline && "$ADMIN" makemessages -l zh_Hans --no-obsolete --no-location -v0 "${ignores[@]}")
# msgmerge's fuzzy guesses ("account expires" → the translation of "Accounts") are worse than none:
# clear them so the translation test lists them as untranslated.
find frontline -name '*.po' -path '*zh_Hans*' | while read -r po; do
  msgattrib --clear-fuzzy --empty --no-wrap -o "$po" "$po"
  sed -i '/^#| /d' "$po"
  msgfmt --check-format -o "${po%.po}.mo" "$po"
done
