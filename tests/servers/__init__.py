"""Real HTTP servers on 127.0.0.1 that follow the partner platforms' documented protocols."""
