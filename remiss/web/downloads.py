"""File downloads: the Content-Disposition of an attachment, whatever its name contains.

A name is built from what users typed (a diarienummer, a title): line breaks would end the header
(werkzeug refuses them: a 500), and a character outside Latin-1 such as € cannot be written in a
header at all (the server aborts the response after its status line). So every download is named
here: on one line, with an ASCII `filename` for old clients and RFC 5987's `filename*` with the
real name in UTF-8.
"""
from __future__ import annotations

import io
import unicodedata
from urllib.parse import quote

from flask import Response, send_file

from remiss.files import portable_name

_UNSAFE_IN_QUOTES = str.maketrans({'"': "'", "\\": "-"})


def file_name(name: str) -> str:
    """The name on one line that every system can save (files.portable_name): control characters (CR, LF,
    tabs …) become spaces, \\ / : * ? " < > | dashes."""
    return portable_name(name)


def attachment(name: str) -> str:
    """The Content-Disposition header value of a file downloaded as `name`."""
    name = file_name(name)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().translate(_UNSAFE_IN_QUOTES)
    ascii_name = " ".join(ascii_name.split())
    if ascii_name.startswith(".") or not ascii_name:
        ascii_name = "fil" + ascii_name
    value = f'attachment; filename="{ascii_name}"'
    if ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


def download(data: bytes | str, name: str, mimetype: str) -> Response:
    """A response that downloads data as a file called name."""
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": attachment(name)})


def download_file(data: bytes, name: str, mimetype: str) -> Response:
    """As download, through send_file (conditional requests, a length) for a whole file in memory."""
    response = send_file(io.BytesIO(data), mimetype=mimetype)
    response.headers["Content-Disposition"] = attachment(name)
    return response
