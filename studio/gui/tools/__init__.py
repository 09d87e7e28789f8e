"""Canvas tools: each turns mouse and key gestures into controller calls (never model edits)."""
