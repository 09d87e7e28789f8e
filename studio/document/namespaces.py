"""XML namespaces the design file uses."""

import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
MOTIF = "urn:motif-studio:design:1"
INKSCAPE = "http://www.inkscape.org/namespaces/inkscape"
SODIPODI = "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"

ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)
ET.register_namespace("motif", MOTIF)
ET.register_namespace("inkscape", INKSCAPE)
ET.register_namespace("sodipodi", SODIPODI)


def q(ns: str, name: str) -> str:
    """Clark notation: ``{ns}name``."""
    return f"{{{ns}}}{name}"


def svg(name: str) -> str:
    return q(SVG, name)


def motif(name: str) -> str:
    return q(MOTIF, name)
