"""The review screen's keymap: each key's action, its footer label and, where the label is
too short to say what the key does, the help screen's line (the tooltip). Every binding
has an id, so a keymap can be swapped later."""

from __future__ import annotations

from textual.binding import Binding, BindingType

REVIEW_KEYS: list[BindingType] = [
    Binding("e", "verdict('evidenced')", "Evidenced", id="verdict.evidenced"),
    Binding("u", "verdict('unevidenced')", "Unevidenced", id="verdict.unevidenced"),
    Binding("d", "verdict('disputed')", "Disputed", id="verdict.disputed"),
    Binding("n", "next", "Next", id="claim.next"),
    Binding("p", "previous", "Prev", id="claim.previous"),
    Binding("v", "select_span", "Select", id="span.select"),
    Binding("a", "attach", "Attach", id="span.attach"),
    Binding("x", "remove_span", "Remove span", id="span.remove", show=False),
    Binding(
        "c",
        "add_claim",
        "Add claim",
        id="claim.add",
        tooltip="Add the article's selection as a claim (one the extractor missed)",
    ),
    Binding(
        "delete",
        "dismiss_claim",
        "Dismiss",
        id="claim.dismiss",
        key_display="del",
        tooltip="Dismiss the claim as not check-worthy, or restore a dismissed one",
    ),  # in Show dismissed claims, the same key is offered as Restore:
    Binding("delete", "restore_claim", "Restore", id="claim.restore", key_display="del"),
    Binding("m", "note", "Note", id="note"),
    Binding("f", "flag", "Flag", id="flag"),
    Binding(
        "o",
        "open_cluster",
        "Cluster",
        id="cluster.open",
        tooltip="The claim's cluster: the same claim in other articles, side by side",
    ),
    Binding(
        "g",
        "give",
        "Give to cluster",
        id="cluster.give",
        tooltip="Give this verdict to the cluster's claims you have not judged",
    ),
    Binding(
        "J",
        "join",
        "Join cluster",
        id="cluster.join",
        show=False,
        tooltip="Join the claim to the cluster of another claim (by its number)",
    ),
    Binding(
        "C",
        "dismiss_conflict",
        "Dismiss conflict",
        id="conflict.dismiss",
        show=False,
        tooltip="Dismiss a conflict shown on the card as wrong",
    ),
    *(
        Binding(
            str(n),
            f"attach_suggestion({n})",
            f"Attach suggestion {n}",
            id=f"suggestion.attach{n}",
            show=False,
            tooltip=f"Attach suggested evidence {n} (listed on the card)",
        )
        for n in (1, 2, 3)
    ),
    Binding(
        "s",
        "show_suggestion",
        "Show suggestion",
        id="suggestion.show",
        show=False,
        tooltip="Show the next suggested evidence in the article (escape returns from another)",
    ),
    Binding(
        "ctrl+down",
        "scroll_card(1)",
        "Scroll card down",
        id="card.down",
        show=False,
        tooltip="Scroll the claim card down (ctrl+up scrolls it up)",
    ),
    # No description: the help screen lists it with ctrl+down.
    Binding("ctrl+up", "scroll_card(-1)", "", id="card.up", show=False),
    Binding(
        "h",
        "history",
        "History",
        id="history",
        show=False,
        tooltip="The claim's history: who did what and when, and what was undone",
    ),
    Binding("ctrl+z", "undo", "Undo", id="undo", priority=True, show=False),
    Binding("slash", "search", "Search", id="search", show=False),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("escape", "to_queue", "Queue", id="queue", show=False),
    Binding("q", "quit", "Quit", id="quit"),
]
