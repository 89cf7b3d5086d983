"""Tagged PDF (PDF/UA-minded) on top of reportlab, which writes no structure of its own.

While the story is drawn, each heading, paragraph, figure and table cell wraps its drawing
in marked content (``/H2 <</MCID 3>> BDC … EMC``) and is recorded in a :class:`Structure`
held by the canvas; backgrounds, rules and the page footer are marked as artifacts. When the
canvas saves, :func:`write_structure` turns the record into the document's structure tree
(``StructTreeRoot``, ``ParentTree``, ``/StructParents`` on every page, ``MarkInfo``), so a
screen reader reads headings, paragraphs and tables with their header cells in the order
they were drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import Table as _Table

# The paragraph styles of ``pdf.styles`` that are headings; every other style is a paragraph.
HEADING_ROLES = {"title": "H1", "h1": "H1", "h2": "H2"}


@dataclass
class Node:
    role: str
    kids: list[Any] = field(default_factory=list)  # Node or (page, mcid)
    alt: str = ""
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class Structure:
    """What was drawn where: the document's elements in reading order, and per page the
    element each marked-content id belongs to."""

    root: Node = field(default_factory=lambda: Node("Document"))
    by_page: dict[int, list[Node]] = field(default_factory=dict)
    in_cell: bool = False  # a paragraph inside a table cell belongs to the cell
    tables: dict[int, Node] = field(default_factory=dict)

    def begin(self, canvas, node: Node) -> None:
        page = canvas.getPageNumber()
        ids = self.by_page.setdefault(page, [])
        node.kids.append((page, len(ids)))
        canvas._code.append(f"/{node.role} <</MCID {len(ids)}>> BDC")
        ids.append(node)


def structure_of(canvas) -> Structure | None:
    return getattr(canvas, "structure", None)


def begin_artifact(canvas) -> None:
    if structure_of(canvas) is not None:
        canvas._code.append("/Artifact BMC")


def end_marked(canvas) -> None:
    if structure_of(canvas) is not None:
        canvas._code.append("EMC")


class Paragraph(_Paragraph):
    """A paragraph tagged H1, H2 or P by its style's name (inside a table cell: untagged,
    the cell is the element)."""

    def drawOn(self, canvas, x, y, _sW=0):
        structure = structure_of(canvas)
        if structure is None or structure.in_cell:
            return super().drawOn(canvas, x, y, _sW)
        node = Node(HEADING_ROLES.get(self.style.name, "P"))
        structure.root.kids.append(node)
        structure.begin(canvas, node)
        super().drawOn(canvas, x, y, _sW)
        canvas._code.append("EMC")


class Figure(Flowable):
    """A drawing (a chart) as a figure with its alternative text."""

    def __init__(self, drawing, alt: str) -> None:
        super().__init__()
        self.drawing, self.alt = drawing, alt

    def wrap(self, availWidth, availHeight):
        return self.drawing.wrap(availWidth, availHeight)

    def draw(self) -> None:
        structure = structure_of(self.canv)
        if structure is not None:
            node = Node("Figure", alt=self.alt)
            structure.root.kids.append(node)
            structure.begin(self.canv, node)
        self.drawing.drawOn(self.canv, 0, 0)
        end_marked(self.canv)


class Table(_Table):
    """A table tagged Table → TR → TH/TD; the first ``header_rows`` rows are header cells
    (scope column). Rows repeated at the top of a continued page are artifacts, and every
    piece of a table split over pages belongs to the one table element."""

    def __init__(self, data, *args, header_rows: int = 1, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        self.header_rows = header_rows
        self._table_key = id(self)
        self._continued = False
        self._renderCB = self._tag
        self._row: Node | None = None

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        for i, piece in enumerate(pieces):
            piece.header_rows = self.header_rows
            piece._table_key = self._table_key
            piece._continued = self._continued or i > 0
        return pieces

    def _tag(self, table, event: str, *args) -> None:
        canvas = self.canv
        structure = structure_of(canvas)
        if structure is None:
            return
        if event in ("startBG", "startLines"):
            begin_artifact(canvas)
        elif event in ("endBG", "endLines"):
            end_marked(canvas)
        elif event == "startTable":
            if self._table_key not in structure.tables:
                structure.tables[self._table_key] = Node("Table")
                structure.root.kids.append(structure.tables[self._table_key])
        elif event == "startRow":
            row = args[0]
            repeated = self._continued and row < min(self.repeatRows or 0, self.header_rows)
            self._row = None if repeated else Node("TR")
            if self._row is not None:
                structure.tables[self._table_key].kids.append(self._row)
        elif event == "startCell":
            row = args[0]
            structure.in_cell = True
            if self._row is None:
                begin_artifact(canvas)
                return
            header = row < self.header_rows and not self._continued
            cell = Node("TH", attributes={"Scope": "Column"}) if header else Node("TD")
            self._row.kids.append(cell)
            structure.begin(canvas, cell)
        elif event == "endCell":
            structure.in_cell = False
            canvas._code.append("EMC")


def write_structure(canvas, structure: Structure, pages: list) -> None:
    """The structure tree into the canvas's document, before it is saved: ``pages`` are the
    document's page objects in order."""
    document = canvas._doc
    counter = iter(range(1, 1_000_000))

    def page_ref(page: int):
        return document.Reference(pages[page - 1])

    def element(node: Node, parent) -> Any:
        obj = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(node.role)})
        ref = document.Reference(obj, f"StructElem{next(counter)}")
        obj["P"] = parent
        marked = [kid for kid in node.kids if not isinstance(kid, Node)]
        home = marked[0][0] if marked else None  # the page of the element's first content
        if home is not None:
            obj["Pg"] = page_ref(home)
        kids: list = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(element(kid, ref))
            elif kid[0] == home:  # content on the element's own page: its id is enough
                kids.append(kid[1])
            else:
                page, mcid = kid
                kids.append(
                    PDFDictionary({"Type": PDFName("MCR"), "Pg": page_ref(page), "MCID": mcid})
                )
        obj["K"] = kids[0] if len(kids) == 1 and isinstance(kids[0], int) else PDFArray(kids)
        if node.alt:
            obj["Alt"] = PDFString(node.alt)
        if node.attributes:
            obj["A"] = PDFDictionary(
                {"O": PDFName("Table"), **{k: PDFName(v) for k, v in node.attributes.items()}}
            )
        node_refs[id(node)] = ref
        return ref

    node_refs: dict[int, Any] = {}
    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = document.Reference(root, "StructTreeRoot")
    root["K"] = PDFArray([element(structure.root, root_ref)])
    nums: list = []
    for index, page in enumerate(pages):
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = index
        page.Tabs = PDFName("S")
        nodes = structure.by_page.get(index + 1, [])
        nums += [index, PDFArray([node_refs[id(n)] for n in nodes])]
    root["ParentTree"] = PDFDictionary({"Nums": PDFArray(nums)})
    root["ParentTreeNextKey"] = len(pages)
    document.Catalog.StructTreeRoot = root_ref
    document.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    canvas.setViewerPreference("DisplayDocTitle", "true")
