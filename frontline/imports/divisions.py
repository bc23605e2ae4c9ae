"""Township and village names → division codes, within the importing user's county, checked against
the user's jurisdiction. A row lands on the deepest division it names."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from frontline.regions.models import Division

_SUFFIX = re.compile(r"(街道办事处|街道|镇|乡|工业园|园区|村民委员会|村委会|居委会|社区|村)$")


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name or "").replace(" ", "").strip()


class DivisionResolver:
    def __init__(self, policy):
        self.policy = policy
        prefix = policy.prefix or ""
        county = prefix[:6]
        self.own = prefix
        self.names: dict[str, str] = {}
        self.townships: dict[str, list[str]] = defaultdict(list)
        self.villages: dict[str, list[str]] = defaultdict(list)  # name → codes (any township)
        self._memo: dict[tuple[str, str], str | dict] = {}
        for code, name, level in Division.objects.filter(code__startswith=county).values_list(
            "code", "name", "level"
        ):
            self.names[code] = name
            index = self.townships if level == "township" else self.villages if level == "village" else None
            if index is None:
                continue
            for k in {_key(name), _SUFFIX.sub("", _key(name))}:
                if k:
                    index[k].append(code)

    def _outside(self, name):
        return ValidationError(
            _("%(name)s is outside your jurisdiction.") % {"name": name}, code="outside_jurisdiction"
        )

    def resolve(self, township: str, village: str) -> str:
        """The division code for a row. Raises ValidationError({"township"|"village": msg}).
        Answers are remembered per (township, village) as written: a file names the same few hundred
        places over and over, and the answer depends only on them and the importer's policy."""
        key = (township, village)
        known = self._memo.get(key)
        if known is None:
            try:
                known = self._resolve(township, village)
            except ValidationError as exc:
                known = exc.message_dict
            self._memo[key] = known
        if isinstance(known, dict):
            raise ValidationError({field: list(messages) for field, messages in known.items()})
        return known

    def _resolve(self, township: str, village: str) -> str:
        township, village = _key(township), _key(village)
        code = ""
        if township:
            codes = self.townships.get(township) or self.townships.get(_SUFFIX.sub("", township))
            if not codes:
                raise ValidationError(
                    {"township": _("There is no township named %(name)s.") % {"name": township}}
                )
            code = codes[0]
        if village:
            codes = self.villages.get(village) or self.villages.get(_SUFFIX.sub("", village)) or []
            if code:
                codes = [c for c in codes if c.startswith(code)]
                if not codes:
                    raise ValidationError(
                        {
                            "village": _("There is no village named %(village)s in %(township)s.")
                            % {"village": village, "township": self.names.get(code, township)}
                        }
                    )
            elif not codes:
                raise ValidationError(
                    {"village": _("There is no village named %(name)s.") % {"name": village}}
                )
            mine = [c for c in codes if self.policy.covers(c)]
            if len(mine) > 1 or (not mine and len(codes) > 1):
                raise ValidationError(
                    {
                        "village": _("Several villages are named %(name)s: fill in the township column too.")
                        % {"name": village}
                    }
                )
            code = (mine or codes)[0]
        if not code:
            # Nothing named: a village (or grid) user's own village; anyone higher must say where.
            if len(self.own) >= 12:
                return self.own
            raise ValidationError({"township": _("Fill in the township and the village.")})
        if not self.policy.covers(code):
            field = "village" if village else "township"
            raise ValidationError({field: self._outside(self.names.get(code, code)).messages[0]})
        return code

    def name_of(self, code: str) -> str:
        return self.names.get(code, code)
