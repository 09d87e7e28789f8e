"""Export: the deliverables a brief asks for, all from the one SVG of the design."""
