"""The order OOXML requires of the children of property elements.

Word refuses (or "repairs") a document whose property children are out of schema order, e.g.
`tblCellMar` after `tblLook` in `tblPr`. werf adds its own elements with `insert_in_order`
instead of `append`; the tests check every property element of generated documents against
these sequences (ECMA-376 Part 1, wml.xsd).
"""

from __future__ import annotations

from docx.oxml.ns import qn

TBL_PR = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
          "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
          "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange")
# CT_TrPrBase is a choice in the schema (any order is valid); werf keeps the listed order.
TR_PR = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
         "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange")
TC_PR = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
         "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
         "cellDel", "cellMerge", "tcPrChange")
P_PR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
        "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
        "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
        "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
        "cnfStyle", "rPr", "sectPr", "pPrChange")
R_PR = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
        "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
        "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
        "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
        "specVanish", "oMath", "rPrChange")

ORDERS = {"tblPr": TBL_PR, "trPr": TR_PR, "tcPr": TC_PR, "pPr": P_PR, "rPr": R_PR}


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def insert_in_order(parent: object, child: object, order: tuple[str, ...]) -> None:
    """Put `child` into `parent` before the first sibling that must follow it."""
    rank = order.index(local_name(child.tag))  # type: ignore[attr-defined]
    later = {qn(f"w:{name}") for name in order[rank + 1:]}
    for sibling in parent:  # type: ignore[attr-defined]
        if sibling.tag in later:
            sibling.addprevious(child)
            return
    parent.append(child)  # type: ignore[attr-defined]
