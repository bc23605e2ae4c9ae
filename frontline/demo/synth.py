"""Synthetic identities for the demo: plausible names, valid but invented ID and mobile numbers.

Never a real person's identity: birth sequence digits are drawn at random and every synthetic
person is flagged is_synthetic. Mobile numbers use the 170/171 virtual-operator ranges.
"""

import datetime as dt
import random

from frontline.people.identifiers import id_check_digit

SURNAMES = (
    "钟" * 9
    + "李" * 8
    + "陈" * 8
    + "刘" * 7
    + "黄" * 6
    + "王" * 5
    + "曾" * 5
    + "谢" * 5
    + "肖" * 4
    + "邱" * 4
    + "杨" * 4
    + "张" * 4
    + "温" * 4
    + "胡" * 3
    + "罗" * 3
    + "廖" * 3
    + "何" * 3
    + "赖" * 3
    + "吴" * 3
    + "朱" * 2
    + "邓郭傅丁蔡林叶彭魏郑卢欧袁"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌辉鹏林海燕春梅金凤德福荣生秋云小红萍婷晨宇浩然子涵欣怡梓轩思远家豪永清水根长发良存姝"


class Synth:
    def __init__(self, seed: int = 360732):
        self.rng = random.Random(seed)
        self._ids: set[str] = set()
        self._phones: set[str] = set()

    def name(self) -> str:
        given = self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if self.rng.random() < 0.75 else "")
        return self.rng.choice(SURNAMES) + given

    def birth_date(self, start_year=1950, end_year=2002) -> dt.date:
        start = dt.date(start_year, 1, 1)
        days = (dt.date(end_year, 12, 31) - start).days
        return start + dt.timedelta(days=self.rng.randrange(days))

    def id_number(self, birth: dt.date | None = None, gender: str | None = None) -> tuple[str, dt.date, str]:
        birth = birth or self.birth_date()
        # Born before Ganzhou became a prefecture-level city (1999): the old prefix 362132.
        region = "362132" if birth.year < 1999 and self.rng.random() < 0.8 else "360732"
        while True:
            seq = self.rng.randrange(0, 1000)
            if gender is not None:
                seq = seq - (seq % 2) + (1 if gender == "M" else 0)
                seq = min(seq, 999 if gender == "M" else 998)
            first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            value = first17 + id_check_digit(first17)
            if value not in self._ids:
                self._ids.add(value)
                return value, birth, "M" if int(value[16]) % 2 else "F"

    def mobile(self) -> str:
        while True:
            value = self.rng.choice(("170", "171")) + f"{self.rng.randrange(10**8):08d}"
            if value not in self._phones:
                self._phones.add(value)
                return value
