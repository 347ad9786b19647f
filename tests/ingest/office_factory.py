"""Document properties written into a .docx or .xlsx made in a test (python-docx and openpyxl
write their own: openpyxl stamps `modified` with the time of saving)."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{fields}</cp:coreProperties>'
)
_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Office Word</Application>{company}</Properties>"
)


def with_properties(path: Path, *, company: str = "", author: str = "", modified: str = "", created: str = "") -> Path:
    """Rewrite the file's docProps/app.xml and docProps/core.xml with these values (W3CDTF dates)."""
    dates = "".join(
        f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{value}</dcterms:{name}>'
        for name, value in (("created", created), ("modified", modified))
        if value
    )
    parts = {
        "docProps/core.xml": _CORE.format(fields=f"<dc:creator>{author}</dc:creator>{dates}"),
        "docProps/app.xml": _APP.format(company=f"<Company>{company}</Company>" if company else ""),
    }
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    contents.update({name: text.encode() for name, text in parts.items()})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return path
