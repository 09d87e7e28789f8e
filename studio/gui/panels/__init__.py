"""The docks around the canvas; each mirrors the controller and calls it to edit."""
