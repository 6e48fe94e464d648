"""Audit actions of the award: the winning bid (with or without passing vetting) and what became of
the other bids, and how each reads on the activity page."""

from outsourcer.audit.actions import Entry, joined
from outsourcer.audit.events import action


def _job(entry: Entry) -> str:
    return f"the job “{entry['job']}”"


def _others(entry: Entry) -> str:
    declined, alternates = entry.get("declined") or 0, entry.get("alternates") or 0
    parts = []
    if declined:
        parts.append(f"declining {declined} other bid{'s' if declined != 1 else ''}")
    if alternates:
        parts.append(f"keeping {alternates} as {'an alternate' if alternates == 1 else 'alternates'}")
    return f", {joined(parts)}" if parts else ""


def _awarded(entry: Entry) -> str:
    price = f" ({entry.money('total_cents')})" if entry.get("total_cents") is not None else ""
    return f"awarded {_job(entry)} to {entry['contractor']}{price}{_others(entry)}"


def _awarded_unvetted(entry: Entry) -> str:
    missing = entry.get("missing") or []
    text = f"overrode the vetting policy to award {_job(entry)} to {entry['contractor']}"
    return text + (f", who still lacked {joined(str(m) for m in missing)}" if missing else "") + _others(entry)


BID_AWARDED = action("bid_awarded", "awarded a job", describe=_awarded)
BID_AWARDED_UNVETTED = action(
    "bid_awarded_unvetted", "awarded a job without passing vetting", override=True, describe=_awarded_unvetted
)
BID_DECLINED = action(
    "bid_declined",
    "declined a bid",
    describe=lambda e: f"declined the bid of {e['contractor']} on {_job(e)}",
)
BID_KEPT_AS_ALTERNATE = action(
    "bid_kept_as_alternate",
    "kept a bid as an alternate",
    describe=lambda e: f"kept the bid of {e['contractor']} on {_job(e)} as an alternate",
)
