"""Stand-ins for the quarantine and checkpoints bulk services, to test the adapters' contract."""

RECEIVED: list = []


def returnee_bulk_screen(*, actor, rows, dry_run):
    RECEIVED.append(("returnees", rows, dry_run))
    return {
        "created": len(rows) - 1,
        "updated": 0,
        "unchanged": 1,
        "ids": [r["_row"] for r in rows],
        "errors": [],
    }


class _Outcome:
    def __init__(self, rows):
        self.created, self.updated, self.unchanged = len(rows), 0, 0
        self.ids = list(range(len(rows)))
        self.errors = [(r["_row"], "没有名为“无名卡口”的卡口") for r in rows if r["checkpoint"] == "无名卡口"]


def registration_bulk_create(*, actor, rows, dry_run):
    RECEIVED.append(("registrations", rows, dry_run))
    return _Outcome(rows)
