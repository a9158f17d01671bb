"""``/favicon.ico``: the site's icon where browsers ask for it unasked.

Pages name the SVG icon (``static/favicon.svg``) in their head; browsers and
tools that ask for ``/favicon.ico`` anyway get the same bars drawn as an ICO.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app

bp = Blueprint("favicon", __name__)


@bp.route("/favicon.ico")
def favicon() -> Response:
    response = current_app.send_static_file("favicon.ico")
    response.mimetype = "image/vnd.microsoft.icon"
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response
