"""SparklioDocument ↔ Polotno store JSON, both ways, without loss.

Polotno's JSON (``store.toJSON()``) holds pages of elements: ``text``, ``image``, ``svg``, ``line``,
``figure`` (shapes chosen by ``subType``), ``video`` and ``group``; the store, every page and every
element carry a free ``custom`` object that Polotno never reads.

:func:`to_polotno` writes everything Polotno can draw in Polotno's own attributes, and under
``custom["sparklio"]`` what it cannot hold:

- ``keep``: fields Polotno has no attribute for (role, provenance, z_index, alt, fit, ...);
- ``exact``: original values the Polotno attributes would not give back exactly (letter spacing
  converted to em, a line's box, a background colour under a background image, ...), each with the
  value the attributes give back (``seen``);
- ``base``: what a reader needs besides the attributes (a polygon's points, drawn as an SVG).

:func:`from_polotno` reads the attributes and takes an ``exact`` value only while the attributes
still give back what they gave at export, so an edit made in Polotno wins over what was stored,
and ``from_polotno(to_polotno(doc))[0] == doc``. A store Polotno made itself (no ``custom``) is read
too: roles are inferred, missing ids are generated, colours are converted, and what has no place in
a SparklioDocument is reported in the warnings (unknown element kinds are kept whole in
``metadata["polotno_unsupported"]`` and written back on export).

Polotno's JSON holds every length in pixels whatever its ``unit`` ("mm", "cm", "in", "pt") and
``dpi`` say (an A5 design at 300 dpi is 1748×2480): those only choose what its editor shows. So no
length is ever scaled by them; an imported document is in px with Polotno's ``dpi`` (which sizes
its PDF pages) and its shown unit in ``metadata["polotno_unit"]``, written back on export. (A
SparklioDocument made in mm is written with its numbers as they are; its unit comes back exactly.)

Geometry is converted between the two conventions. A SparklioDocument (see
:mod:`documents.schema`) places the top-left corner of the unrotated box at ``x``/``y``, turns the
box about its centre, and places a group's children relative to the group's ``x``/``y`` (turned
with the group). Polotno (Konva) turns an element about its own ``x``/``y``, so its ``x``/``y`` is
where the rotated box's top-left corner lands, and a group's children carry page coordinates; a
Polotno group has no box of its own. So:

- export places every object on the page: the Polotno ``x``/``y`` is the rotated top-left corner
  ``c + R(θ)·(−w/2, −h/2)`` (``c`` the box's centre on the page), ``rotation`` is the object's
  rotation plus its groups' ones. A group's own rotation is composed into its children's places
  and rotations; the group's box (rotation included) travels in ``custom`` and comes back while
  its children are where export put them;
- import keeps the centre of what Polotno shows: ``c = (x, y) + R(θ)·(w/2, h/2)``, then
  ``x = cx − w/2``; a group's box is its children's bounding box, unrotated on the page, and its
  children are placed relative to the group's final box (the one from ``custom`` when that came
  back), so that moving a child in Polotno moves only that child on the page;
- a Polotno ``line`` runs from the middle of its box's left edge, its height the thickness; its
  box turns about the centre like any other on the SparklioDocument side, with ``points`` (relative
  to the box's ``x``/``y``) along its middle.
"""

from documents.polotno.colors import css_color_to_hex
from documents.polotno.custom import FORMAT, NAMESPACE
from documents.polotno.export import to_polotno
from documents.polotno.geometry import Frame
from documents.polotno.importer import from_polotno

__all__ = ["FORMAT", "NAMESPACE", "Frame", "css_color_to_hex", "from_polotno", "to_polotno"]
