"""The review screen's footer: when the terminal is too narrow for every key, the least
needed keys are left out whole (the help screen lists them all), so `?` help and `q` quit
always show."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # textual is pinned: FooterKey is not public

# Left out first to last, each group at once: give to cluster and the cluster (the card
# names o when the claim is in one), flag and note, then the command palette's key (the
# help screen names it), dismiss, add a claim, then the evidence pair, and in a very narrow
# terminal next and previous (the arrows move through the queue too). At 120 columns every
# key but the cluster keys, flag, note and the palette's shows.
LEAST_NEEDED: tuple[frozenset[str], ...] = (
    frozenset({"give"}),
    frozenset({"open_cluster"}),
    frozenset({"flag"}),
    frozenset({"note"}),
    frozenset({"command_palette"}),
    frozenset({"dismiss_claim", "restore_claim"}),
    frozenset({"add_claim"}),
    frozenset({"select_span", "attach"}),
    frozenset({"next", "previous"}),
)


def key_width(key: FooterKey) -> int:
    """The cells a key takes in the footer: a space either side of the key, the
    description and a space after it (the palette's border takes its first space)."""
    return len(key.key_display) + len(key.description) + 3


Keys = tuple[tuple[str, str, str, bool], ...]


def shown_keys(screen: Screen[object]) -> Keys:
    """The keys a footer on this screen shows now: key, description, action, enabled."""
    return tuple(
        (binding.key, binding.description, binding.action, enabled)
        for _, binding, enabled, _ in screen.active_bindings.values()
        if binding.show
    )


class DeskFooter(Footer):
    """A footer that fits the keys it shows to its width, and is composed again only
    when they change."""

    _composed_width = 0
    _composed_keys: Keys = ()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Moving the focus between the queue and the article (v, escape) tells the footer
        that the bindings changed, and the stock footer composes itself again (about 80 ms
        of CPU for a dozen keys): here only when the keys it shows did change."""
        if self._bindings_ready and screen is self.screen:
            if shown_keys(screen) == self._composed_keys:
                return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        width = self.size.width or self.app.size.width
        self._composed_width = width
        self._composed_keys = shown_keys(self.screen)
        items: list[Widget] = list(super().compose())
        keys = [item for item in items if isinstance(item, FooterKey)]
        shown = {key.action for key in keys}
        dropped: list[set[str]] = []

        def needed() -> int:
            return sum(key_width(key) for key in keys if key.action in shown)

        for group in LEAST_NEEDED:  # leave out the least needed until the rest fits
            if needed() <= width:
                break
            actions = {key.action for key in keys if key.action.removeprefix("app.") in group}
            shown -= actions
            dropped.append(actions)
        for actions in reversed(dropped[:-1]):  # then take back what still fits
            shown |= actions
            if needed() > width:
                shown -= actions
        for item in items:
            if not isinstance(item, FooterKey) or item.action in shown:
                yield item

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_width and self._bindings_ready:
            self.call_after_refresh(self.recompose)
