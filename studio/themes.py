"""The app's light and dark palettes: colour roles to hex, every text pair readable (WCAG AA).

The GUI applies a theme by mapping each role to its ``QPalette`` role (``QT_ROLES``; core stays
free of Qt, so they are names the GUI resolves with ``getattr(QPalette.ColorRole, name)``).
The check panel and the canvas overlays use the status roles (``error``, ``warning``,
``success``) and ``accent``. ``CONTRAST_RULES`` lists which pairs are shown together and the
ratio each must reach; tests/test_themes.py holds every theme to it, so a colour tweak that
makes a label unreadable fails the suite.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from studio.a11y import AA_NON_TEXT, AA_TEXT, contrast_ratio

ROLES = (
    "window",
    "window_text",
    "base",
    "alternate_base",
    "text",
    "placeholder_text",
    "button",
    "button_text",
    "highlight",
    "highlighted_text",
    "disabled_text",
    "link",
    "link_visited",
    "tooltip_base",
    "tooltip_text",
    "border",
    "focus",
    "accent",
    "error",
    "warning",
    "success",
)

# (foreground role, background role, minimum ratio): WCAG 1.4.3 for text (4.5:1) and 1.4.11
# for component boundaries and focus rings (3:1). Disabled text is exempt in WCAG; we still
# hold it to 3:1 so a greyed-out label stays legible.
CONTRAST_RULES: tuple[tuple[str, str, float], ...] = (
    ("window_text", "window", AA_TEXT),
    ("text", "base", AA_TEXT),
    ("text", "alternate_base", AA_TEXT),
    ("placeholder_text", "base", AA_TEXT),
    ("button_text", "button", AA_TEXT),
    ("highlighted_text", "highlight", AA_TEXT),
    ("link", "base", AA_TEXT),
    ("link", "window", AA_TEXT),
    ("link_visited", "base", AA_TEXT),
    ("tooltip_text", "tooltip_base", AA_TEXT),
    ("error", "base", AA_TEXT),
    ("error", "window", AA_TEXT),
    ("warning", "base", AA_TEXT),
    ("warning", "window", AA_TEXT),
    ("success", "base", AA_TEXT),
    ("success", "window", AA_TEXT),
    ("disabled_text", "window", AA_NON_TEXT),
    ("disabled_text", "button", AA_NON_TEXT),
    ("border", "base", AA_NON_TEXT),
    ("border", "window", AA_NON_TEXT),
    ("focus", "base", AA_NON_TEXT),
    ("focus", "window", AA_NON_TEXT),
    ("focus", "button", AA_NON_TEXT),
    ("highlight", "base", AA_NON_TEXT),
    ("accent", "window", AA_NON_TEXT),
    ("accent", "base", AA_NON_TEXT),
)

# Role -> (QPalette.ColorGroup name or "All", QPalette.ColorRole name).
QT_ROLES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "window": (("All", "Window"),),
    "window_text": (("All", "WindowText"),),
    "base": (("All", "Base"),),
    "alternate_base": (("All", "AlternateBase"),),
    "text": (("All", "Text"),),
    "placeholder_text": (("All", "PlaceholderText"),),
    "button": (("All", "Button"),),
    "button_text": (("All", "ButtonText"),),
    "highlight": (("All", "Highlight"),),
    "highlighted_text": (("All", "HighlightedText"),),
    "disabled_text": (
        ("Disabled", "WindowText"),
        ("Disabled", "Text"),
        ("Disabled", "ButtonText"),
    ),
    "link": (("All", "Link"),),
    "link_visited": (("All", "LinkVisited"),),
    "tooltip_base": (("All", "ToolTipBase"),),
    "tooltip_text": (("All", "ToolTipText"),),
    "border": (("All", "Mid"),),
    "accent": (("All", "Accent"),),
}


@dataclass(frozen=True)
class Theme:
    """A named palette; ``dark`` tells the GUI which icon set and canvas checkerboard to use."""

    name: str
    dark: bool
    colors: Mapping[str, str]

    def __getitem__(self, role: str) -> str:
        return self.colors[role]

    def problems(self) -> list[str]:
        """Every contrast rule this theme breaks, as readable lines (empty: all pass)."""
        out = [f"{self.name}: no colour for {role}" for role in ROLES if role not in self.colors]
        for fg, bg, minimum in CONTRAST_RULES:
            if fg in self.colors and bg in self.colors:
                ratio = contrast_ratio(self.colors[fg], self.colors[bg])
                if ratio < minimum:
                    out.append(
                        f"{self.name}: {fg} {self.colors[fg]} on {bg} {self.colors[bg]} "
                        f"is {ratio:.2f}:1, below {minimum}:1"
                    )
        return out


LIGHT = Theme(
    "light",
    dark=False,
    colors={
        "window": "#f4f4f6",
        "window_text": "#1d1d21",
        "base": "#ffffff",
        "alternate_base": "#f0f0f4",
        "text": "#1d1d21",
        "placeholder_text": "#666670",
        "button": "#e6e6eb",
        "button_text": "#1d1d21",
        "highlight": "#2b3a67",
        "highlighted_text": "#ffffff",
        "disabled_text": "#7c7c84",
        "link": "#2449a8",
        "link_visited": "#6a3d9a",
        "tooltip_base": "#2b2b30",
        "tooltip_text": "#f4f4f6",
        "border": "#85858d",
        "focus": "#2449a8",
        "accent": "#c62832",
        "error": "#b02020",
        "warning": "#8a5000",
        "success": "#1d6b33",
    },
)

DARK = Theme(
    "dark",
    dark=True,
    colors={
        "window": "#1f2024",
        "window_text": "#e9e9ec",
        "base": "#16171a",
        "alternate_base": "#1c1d21",
        "text": "#e9e9ec",
        "placeholder_text": "#a0a0a8",
        "button": "#2e3036",
        "button_text": "#e9e9ec",
        "highlight": "#9aaef0",
        "highlighted_text": "#10131c",
        "disabled_text": "#85858e",
        "link": "#93b4ff",
        "link_visited": "#c9a8f5",
        "tooltip_base": "#e9e9ec",
        "tooltip_text": "#1f2024",
        "border": "#7d7f88",
        "focus": "#93b4ff",
        "accent": "#ff6b6f",
        "error": "#ff8a80",
        "warning": "#f5c35c",
        "success": "#7fd492",
    },
)

THEMES: Mapping[str, Theme] = {"light": LIGHT, "dark": DARK}


def theme(name: str) -> Theme:
    """The theme called ``name`` (``light`` or ``dark``); KeyError names the choices."""
    try:
        return THEMES[name]
    except KeyError:
        raise KeyError(f"no theme {name!r}; choose from {', '.join(THEMES)}") from None
