"""The store through the service API: publish, versions, immutability, history, sources."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from scorepack.measures.model import Figure
from scorepack.measures.store import FigureStore
from scorepack.periods import Month
from scorepack.publish.models import Base
from scorepack.publish.repository import PublishRefused, Store
from scorepack.render.json_load import parse_scorecard
from scorepack.service.history import history
from scorepack.service.publish import MonthInputs, gather, publish

FEB, MAR = Month(2016, 2), Month(2016, 3)
JUNE_14 = datetime(2016, 6, 14, 9, 30, tzinfo=UTC)


def kent(period: str) -> MonthInputs:
    return gather("kent-scs-2016", None, None, None, None, period)


def stored(store: Store, month: Month, name: str, version: int | None = None) -> bytes:
    return store.files(month, version)[name][1]


def with_figure(given: MonthInputs, fig: Figure) -> MonthInputs:
    """The same inputs with one figure changed: a record corrected after publication."""
    figures = dict(given.figures.figures)
    figures[fig.key] = fig
    store = FigureStore(figures, given.figures.catalogue, given.figures.tree)
    return MonthInputs(given.inputs, store, given.month, given.catalogue_text)


def test_migrations_create_exactly_the_models_tables(store_url: str) -> None:
    with Store(store_url) as store:
        inspector = sa.inspect(store.engine)
        for table in Base.metadata.sorted_tables:
            have = {c["name"] for c in inspector.get_columns(table.name)}
            assert have == {c.name for c in table.columns}, table.name
    Store(store_url).close()  # opening again migrates nothing


def test_publishing_february_then_march_takes_previous_from_february(store_url: str) -> None:
    with Store(store_url) as store:
        feb = publish(store, kent("2016-02"), "analyst")
        mar = publish(store, kent("2016-03"), "analyst")
        published = {(j.indicator, j.unit): j for j in store.judgements(FEB) if j.cohort == "all"}
        for card in mar.judged.scorecards:
            for row in card.rows:
                j = published[(row.indicator.id, card.unit.id)]
                if j.reported is None:
                    continue
                assert row.previous_source == "published"
                assert row.previous is not None and row.previous.display == j.display
                feb_point = next(p for p in row.trend if p.result.period == FEB)
                assert feb_point.rag == j.rag
        assert feb.version.version == 1 and mar.version.version == 1


def test_a_changed_february_record_changes_neither_march_nor_februarys_pack(
    store_url: str,
) -> None:
    ind, unit = "cfa-within-45wd", "kent"
    with Store(store_url) as store:
        feb = publish(store, kent("2016-02"), "analyst")
        feb_json = stored(store, FEB, f"scorecard-{unit}-2016-02.json")
        before = feb.judged.scorecards[0].row(ind).latest.display
        changed = with_figure(kent("2016-03"), Figure(ind, unit, FEB, "all", 1, 2, None))
        mar = publish(store, changed, "analyst")
        row = mar.judged.scorecards[0].row(ind)
        assert row.previous is not None and row.previous.display == before
        assert stored(store, FEB, f"scorecard-{unit}-2016-02.json") == feb_json


def test_a_published_month_refuses_a_second_publish_and_revises_with_a_reason(
    store_url: str,
) -> None:
    with Store(store_url) as store:
        publish(store, kent("2016-02"), "analyst")
        with pytest.raises(PublishRefused, match="already published"):
            publish(store, kent("2016-02"), "analyst")
        v2 = publish(
            store, kent("2016-02"), "lead", revise=True, reason="late CIN records", now=JUNE_14
        )
        assert [v.version for v in store.versions(FEB)] == [1, 2]
        assert v2.version.revised and v2.version.reason == "late CIN records"
        old = parse_scorecard(stored(store, FEB, "scorecard-kent-2016-02.json", 1).decode(), "v1")
        new = parse_scorecard(stored(store, FEB, "scorecard-kent-2016-02.json", 2).decode(), "v2")
        assert old.revision is None
        assert new.revision is not None and new.revision.version == 2
        markdown = stored(store, FEB, "scorecard-kent-2016-02.md", 2).decode()
        assert "*Revised 14 June 2016: late CIN records (version 2).*" in markdown
        html = stored(store, FEB, "pack-2016-02.html", 2).decode()
        assert "Revised 14 June 2016: late CIN records (version 2)." in html


def test_published_rows_cannot_be_updated_or_deleted(store_url: str) -> None:
    with Store(store_url) as store:
        publish(store, kent("2016-02"), "analyst")
        for sql in ("UPDATE judgement SET display = 'x'", "DELETE FROM publication"):
            with pytest.raises(sa.exc.DatabaseError, match="immutable"), store.engine.begin() as c:
                c.execute(sa.text(sql))
        assert store.version(FEB) is not None


def test_history_lists_every_version_of_every_month(store_url: str) -> None:
    with Store(store_url) as store:
        publish(store, kent("2016-02"), "analyst")
        publish(store, kent("2016-02"), "analyst", revise=True, reason="a correction")
        publish(store, kent("2016-03"), "analyst")
        entries = history(store, "kent", "rereferrals-12m")
        assert [(str(e.month), e.version) for e in entries] == [
            ("2016-02", 1),
            ("2016-02", 2),
            ("2016-03", 1),
        ]
        assert entries[1].reason == "a correction"
        assert {e.display for e in entries} == {"21.3%"}


def test_the_pack_files_are_stored_with_their_hashes(store_url: str, tmp_path: Path) -> None:
    import hashlib

    with Store(store_url) as store:
        done = publish(store, kent("2016-03"), "analyst")
        stored = store.files(MAR)
        assert set(stored) == set(done.files)
        for name, (digest, data) in stored.items():
            assert hashlib.sha256(data).hexdigest() == digest
            assert data == done.files[name]
        assert store.catalogue_text(MAR) == kent("2016-03").catalogue_text
