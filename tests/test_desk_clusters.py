"""The story across outlets in the desk: the card's cluster and conflict lines, o (the
cluster screen: enter opens a claim, x takes one out), g and its one undo, J (join another
claim's cluster), C (dismiss a conflict) and the palette's order by cluster. Claims are
found through the store by their text, never by the numbers the extractor gives them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from factdesk.cluster.views import Cluster, Conflict, Member
from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.cluster_screen import ClusterScreen
from factdesk.ui.screens.conflict_screen import ConflictScreen
from factdesk.ui.screens.join_screen import JoinScreen
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.claim_card import ClaimCard
from factdesk.ui.widgets.desk_header import DeskHeader
from factdesk.ui.widgets.story import also_line, conflict_line, conflict_lines
from tests.helpers import screen_lines

ANN = "ann"
SIZE = (120, 40)
MAYOR = "Mayor Helen Ward said"
BRIDGE = "The city council said on Monday"


def desk(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def card(app: FactdeskApp) -> str:
    return desk(app).query_one(ClaimCard).plain


def claims(store: Store, start: str) -> list[int]:
    """The claims of the queue whose text starts so, in queue order (article by article)."""
    return [i for i in store.queue_ids(ANN) if store.claim(i).text.startswith(start)]


def cluster_of(store: Store, claim_id: int) -> int | None:
    """The claim's cluster as stored (None: in none)."""
    row = store.conn.execute(
        "SELECT cluster_id FROM cluster_members WHERE claim_id = ?", (claim_id,)
    ).fetchone()
    return None if row is None else int(row[0])


def lone_claim(store: Store) -> int:
    """A claim of the queue that is in no cluster."""
    return next(i for i in store.queue_ids(ANN) if store.cluster_of(i) is None)


async def test_o_shows_the_cluster_enter_opens_a_claim_escape_returns(story: Store) -> None:
    first, second, third = claims(story, MAYOR)
    members = story.cluster_of(first)
    assert members is not None and {m.claim_id for m in members.members} >= {first, second}
    story.set_verdict(second, "bob", Verdict.DISPUTED)
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(first)
        await pilot.pause()
        assert "Also in 2 other articles (o): Northgate Bridge Shut (bob: disputed)" in card(app)
        await pilot.press("o")
        view = app.screen
        assert isinstance(view, ClusterScreen)
        table = view.query_one(DataTable)
        assert table.row_count == len(members.members)
        rows = [[str(cell) for cell in table.get_row_at(r)] for r in range(table.row_count)]
        assert rows[table.cursor_row][0] == f"▶ {first}"  # the current claim, marked
        assert any("Northgate Bridge Shut" in r[1] and "bob: disputed" in r[3] for r in rows)
        assert all(MAYOR in r[2] for r in rows)
        await pilot.press("escape")
        assert desk(app).claim is not None and desk(app).claim.id == first
        await pilot.press("o")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=[m.claim_id for m in members.members].index(third))
        await pilot.press("enter")
        assert desk(app).claim is not None and desk(app).claim.id == third
        assert desk(app).queue.claim_id == third  # the queue's cursor went there too
        assert desk(app).message == f"Claim {third}, from the cluster"
        desk(app).go_to(lone_claim(story))
        await pilot.press("o")
        assert isinstance(app.screen, ReviewScreen)
        assert desk(app).message == "This claim is in no cluster"
        assert [n.message for n in app._notifications][-1] == "This claim is in no cluster"
        assert "Also in" not in card(app)


async def test_enter_on_a_claim_outside_the_queue_says_why(story: Store) -> None:
    first, second, third = claims(story, MAYOR)
    story.set_verdict(first, ANN, Verdict.EVIDENCED)
    story.set_dismissed(third, ANN, True)
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Show evidenced claims", "enter")
        await pilot.pause()
        assert list(desk(app).queue.ids) == [first]
        ids = [m.claim_id for m in story.cluster_of(first).members]  # type: ignore[union-attr]
        await pilot.press("o")
        app.screen.query_one(DataTable).move_cursor(row=ids.index(third))
        await pilot.press("enter")  # dismissed: the desk stays, and says so
        assert desk(app).claim is not None and desk(app).claim.id == first
        assert desk(app).message == (
            f"Claim {third} is not in your queue: you dismissed it as not check-worthy"
            " (ctrl+p Show dismissed claims)"
        )
        await pilot.press("o")
        app.screen.query_one(DataTable).move_cursor(row=ids.index(second))
        await pilot.press("enter")  # hidden by the filter only: the whole queue is shown
        assert desk(app).claim is not None and desk(app).claim.id == second
        assert desk(app).queue.claim_id == second
        assert list(desk(app).queue.ids) == list(story.queue_ids(ANN))
        assert desk(app).message.startswith(f"Claim {second} is not among the evidenced claims")


async def test_g_gives_the_verdict_to_the_unjudged_claims_and_one_ctrl_z_takes_them_back(
    story: Store,
) -> None:
    first, second, third = claims(story, MAYOR)
    total = len(story.queue_ids(ANN))
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(first)
        await pilot.press("g")  # nothing to give yet
        assert desk(app).message.startswith("Judge this claim first")
        assert [story.review(i, ANN).verdict for i in (first, second, third)] == [None] * 3
        await pilot.press("u")
        unjudged = story.cluster_unjudged(first, ANN)
        assert set(unjudged) == {second, third}
        await pilot.press("g")
        assert [story.review(i, ANN).verdict for i in (second, third)] == [Verdict.UNEVIDENCED] * 2
        assert desk(app).message == (
            f"Gave UNEVIDENCED to {len(unjudged)} claims of this cluster: ctrl+z takes them back"
        )
        assert str(desk(app).progress) == f"3 of {total} judged"
        notes = [n.message for n in app._notifications]
        assert notes[-1] == f"Gave UNEVIDENCED to {len(unjudged)} claims of this cluster"
        queue = desk(app).queue
        for claim_id in (second, third):  # the queue's marks follow
            row = queue._row(queue.index_of(claim_id))
            assert row is not None and row.verdict is Verdict.UNEVIDENCED
        assert "(you: unevidenced)" in card(app)
        await pilot.press("g")
        assert desk(app).message == "No unjudged claims in this cluster"
        await pilot.press("ctrl+z")  # one undo: every verdict g gave
        assert [story.review(i, ANN).verdict for i in (second, third)] == [None, None]
        assert story.review(first, ANN).verdict is Verdict.UNEVIDENCED  # its own stays
        assert desk(app).message == f"Undone: the verdict given to {len(unjudged)} claims"
        assert str(desk(app).progress) == f"1 of {total} judged"
        row = queue._row(queue.index_of(second))
        assert row is not None and row.verdict is None
        assert "(you: unevidenced)" not in card(app)


async def test_x_in_the_cluster_takes_a_claim_out_and_ctrl_z_puts_it_back(story: Store) -> None:
    first, _, third = claims(story, MAYOR)
    cluster = cluster_of(story, first)
    assert cluster is not None and cluster_of(story, third) == cluster
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(first)
        await pilot.press("o")
        view = app.screen
        assert isinstance(view, ClusterScreen)
        table = view.query_one(DataTable)
        table.move_cursor(row=[m.claim_id for m in view.members].index(third))
        await pilot.press("x")
        assert cluster_of(story, third) is None
        assert cluster_of(story, first) == cluster
        assert app.screen is view and table.row_count == 2  # the rest of the cluster
        await pilot.press("escape")
        assert "Also in 1 other article (o)" in card(app)
        await pilot.press("ctrl+z")
        assert cluster_of(story, third) == cluster
        assert desk(app).message == f"Undid the cluster move on claim {third}"
        desk(app).go_to(first)
        await pilot.pause()
        assert "Also in 2 other articles" in card(app)


async def test_j_joins_the_cluster_of_another_claim_and_ctrl_z_takes_it_back(
    story: Store,
) -> None:
    first = claims(story, MAYOR)[0]
    lone = claims(story, "Port officials")[0]
    cluster = cluster_of(story, first)
    assert cluster_of(story, lone) is None
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(lone)
        await pilot.press("J")
        prompt = app.screen
        assert isinstance(prompt, JoinScreen)
        await pilot.press(*str(lone), "enter")
        assert prompt.error == "That is this claim: give another claim's number"
        missing = max(story.queue_ids(ANN)) + 1000
        prompt.query_one(Input).value = ""
        await pilot.press(*str(missing), "enter")
        assert prompt.error == f"There is no claim {missing}"
        assert cluster_of(story, lone) is None
        prompt.query_one(Input).value = ""
        await pilot.press("#", *str(first), "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert cluster_of(story, lone) == cluster
        assert desk(app).message.startswith(f"Claim {lone} joined the cluster of claim {first}")
        also = next(line for line in card(app).splitlines() if "Also in" in line)
        assert also.startswith("⧉ Also in 2 other articles (o): Northgate Bridge Shut")
        assert also.endswith("; 1 more time in this article")  # the mayor's, in its article
        await pilot.press("J", *str(first), "enter")  # already there: said in the prompt
        assert isinstance(app.screen, JoinScreen)
        assert app.screen.error == f"Claim {lone} is in the cluster of claim {first} already"
        await pilot.press("escape", "ctrl+z")
        assert cluster_of(story, lone) is None
        assert cluster_of(story, first) == cluster
        assert "Also in" not in card(app)


async def test_j_with_a_number_no_claim_can_have_says_so(story: Store) -> None:
    lone = claims(story, "Port officials")[0]
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(lone)
        await pilot.press("J")
        prompt = app.screen
        assert isinstance(prompt, JoinScreen)
        for number in ("99999999999999999999", "9223372036854775808", "0", "1" * 5000):
            prompt.query_one(Input).value = number
            await pilot.press("enter")
            assert prompt.error == f"There is no claim {number[:20]}" + "…" * (len(number) > 20)
        assert app.screen is prompt and app.is_running
        assert cluster_of(story, lone) is None


async def test_the_card_shows_a_conflict_and_c_dismisses_it(story: Store) -> None:
    early, late = claims(story, BRIDGE)
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(early)
        await pilot.pause()
        line = f"⚠ conflict (date): Northgate Bridge Shut #{late} says 2018, this says 2015"
        assert line in card(app).splitlines()
        assert "⚠ 1 conflict (C dismisses)" in card(app)
        await pilot.press("C")
        row = story.conn.execute(
            "SELECT dismissed_by FROM conflicts WHERE claim_a = ? AND claim_b = ?", (early, late)
        ).fetchone()
        assert row == (ANN,)
        assert "⚠" not in card(app)
        assert desk(app).message == "Dismissed the date conflict: ctrl+z brings it back"
        desk(app).go_to(late)  # gone from the other claim's card too
        await pilot.pause()
        assert "⚠" not in card(app)
        await pilot.press("ctrl+z")
        assert story.conflicts(early) != []
        assert story.conflicts(early)[0].dismissed_by is None
        assert "⚠ conflict (date)" in card(app)


async def test_c_asks_which_when_the_claim_has_several_conflicts(
    story: Store, tmp_path: Path
) -> None:
    early = claims(story, BRIDGE)[0]
    later = tmp_path / "d.txt"
    later.write_text(
        "Bridge Repairs Begin\n\nThe city council said on Monday that the Northgate bridge"
        " was closed in 2020 after an inspection found deep cracks.\n",
        encoding="utf-8",
    )
    import_paths(story, [later])
    conflicts = story.conflicts(early)
    assert len(conflicts) == 2
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(early)
        await pilot.press("C")
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, ReviewScreen)
        dismissed = [c.conflict_id for c in story.conflicts(early, include_dismissed=True)
                     if c.dismissed_by == ANN]  # fmt: skip
        assert dismissed == [conflicts[1].conflict_id]
        assert card(app).count("⚠ conflict") == 1


async def test_the_palette_orders_the_queue_by_cluster_and_back(story: Store) -> None:
    by_article = list(story.queue_ids(ANN))
    by_cluster = list(story.queue_ids(ANN, by_cluster=True))
    assert by_cluster != by_article and sorted(by_cluster) == sorted(by_article)
    current = claims(story, MAYOR)[1]
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(current)
        await pilot.press("ctrl+p", *"Order by cluster", "enter")
        await pilot.pause()
        assert list(desk(app).queue.ids) == by_cluster
        assert desk(app).queue.claim_id == current and desk(app).claim.id == current  # type: ignore[union-attr]
        assert desk(app).message.startswith("Queue ordered by cluster")
        mayors = [by_cluster.index(i) for i in claims(story, MAYOR)]
        assert mayors == list(range(mayors[0], mayors[0] + len(mayors)))  # side by side
        await pilot.press("n")
        assert desk(app).claim is not None
        following = by_cluster[by_cluster.index(current) + 1]
        assert desk(app).claim.id == following
    assert story.orders_by_cluster(ANN) and not story.orders_by_cluster("bob")
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:  # the order is remembered, the place too
        await pilot.pause()
        assert list(desk(app).queue.ids) == by_cluster
        assert desk(app).queue.claim_id == following
        assert "  by cluster  " in str(desk(app).query_one(DeskHeader).content)
        await pilot.press("ctrl+p", *"Order by article", "enter")
        await pilot.pause()
        assert list(desk(app).queue.ids) == by_article
        assert desk(app).message.startswith("Queue ordered by article")
        assert desk(app).queue.claim_id == following
        assert "by cluster" not in str(desk(app).query_one(DeskHeader).content)
    assert not story.orders_by_cluster(ANN)


def test_the_card_lines_name_articles_verdicts_and_conflicts_in_short() -> None:
    members = tuple(
        Member(i, article, f"Outlet {article} " + "x" * 40 * (article == 3), "text", None, v)
        for i, article, v in [
            (1, 1, {}),
            (2, 1, {"bob": "disputed"}),
            (3, 2, {ANN: "evidenced", "bob": "disputed"}),
            (4, 3, {}),
            (5, 4, {}),
            (6, 5, {}),
        ]
    )
    line = also_line(1, 1, Cluster(9, members), ANN).plain
    assert line.startswith("⧉ Also in 4 other articles (o): Outlet 2 (you: evidenced; bob: ")
    assert "Outlet 3 xxxxxxxxxxxxxxxxxx…, Outlet 4 and 1 more; 1 more time in this article" in line
    alone_here = also_line(1, 1, Cluster(9, members[:2]), ANN).plain
    assert alone_here == "⧉ Said 1 more time in this article (o) · bob: disputed"
    conflict = Conflict(7, (5, 8), "polarity", ("asserted", "denied"), (1, 2), ("A", "[b]B"))
    assert (
        conflict_line(5, conflict).plain
        == "⚠ conflict (polarity): [b]B #8 denies it, this asserts it"
    )
    month = Conflict(7, (5, 8), "date", ("nov", "aug"), (1, 2), ("A", "B"))
    assert conflict_line(8, month).plain == "⚠ conflict (date): A #5 says Nov, this says Aug"
    shown = [month] * 3  # the card reads the first three and the total
    assert [t.plain for t in conflict_lines(8, shown, 2656)][-1] == "⚠ and 2653 more conflicts"
    assert len(conflict_lines(8, shown, 2656)) == 4
    assert conflict_lines(8, shown, 4)[-1].plain == "⚠ and 1 more conflict"
    assert len(conflict_lines(8, shown[:2], 2)) == 2


async def test_in_a_queue_by_cluster_a_joined_claim_moves_to_its_cluster(story: Store) -> None:
    mayors = claims(story, MAYOR)
    lone = claims(story, "Shipping agents")[0]
    story.remember_order(ANN, True)
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(lone)
        before = list(desk(app).queue.ids)
        await pilot.press("J", *str(mayors[0]), "enter")
        after = list(desk(app).queue.ids)
        assert after == list(story.queue_ids(ANN, by_cluster=True)) != before
        places = sorted(after.index(i) for i in [*mayors, lone])
        assert places == list(range(places[0], places[0] + len(mayors) + 1))  # together
        assert desk(app).queue.claim_id == lone  # the cursor went with it
        await pilot.press("ctrl+z")
        assert list(desk(app).queue.ids) == before
        assert desk(app).queue.claim_id == lone


async def test_enter_on_a_claim_below_the_threshold_says_its_score(story: Store) -> None:
    first, second, _ = claims(story, MAYOR)
    story.set_verdict(first, ANN, Verdict.EVIDENCED)  # judged: in the queue at any score
    score = story.claim(second).score
    threshold = round(min(1.0, max(story.claim(i).score for i in claims(story, MAYOR)) + 0.05), 2)
    app = FactdeskApp(story, ANN, min_score=threshold)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(first)
        ids = [m.claim_id for m in story.cluster_of(first).members]  # type: ignore[union-attr]
        await pilot.press("o")
        app.screen.query_one(DataTable).move_cursor(row=ids.index(second))
        await pilot.press("enter")
        assert desk(app).claim is not None and desk(app).claim.id == first
        assert desk(app).message == (
            f"Claim {second} is not in your queue: it scores {score:.2f}, below your"
            f" threshold {threshold:g} (ctrl+p Show more claims)"
        )


async def test_the_cluster_view_shows_a_five_digit_claim_id_on_one_line(story: Store) -> None:
    def member(claim_id: int) -> Member:
        return Member(claim_id, 1, "Northgate Bridge Shut", f"{MAYOR} the bridge shut.", None)

    cluster = Cluster(7, (member(10726), member(9), member(123456)))

    async def take_out(claim_id: int) -> bool:
        return False

    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ClusterScreen(story, ANN, 10726, cluster, take_out))
        await pilot.pause()
        rows = screen_lines(app)
        assert any("▶ 10726" in row for row in rows), rows
        assert any("  123456 " in row for row in rows), rows
        assert not any(row.strip(" │┃▎▊") in ("6", "56") for row in rows), rows
