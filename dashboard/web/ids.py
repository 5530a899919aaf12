"""Every component id of the dashboard, in one place."""

from __future__ import annotations

URL = "url"
NOTICE = "notice"
MAP = "map"
SLIDER = "date-slider"
HISTOGRAM = "event-histogram"
DATE_LABEL = "date-label"
DATE_INPUT = "date-input"
PREV_CHANGE = "prev-change"
NEXT_CHANGE = "next-change"
PLAY = "play"
SPEED = "play-speed"
SPEED_LABEL = "play-speed-label"
RATE = "play-rate"
RATE_LABEL = "play-rate-label"
COMPARE_ON = "compare-on"
COMPARE_DATE = "compare-date"
COMPARE_SUMMARY = "compare-summary"
SEARCH = "place-search"
SEARCH_GO = "place-search-go"
SEARCH_LIST = "place-names"
RESET = "reset-view"
FOCUS = "focus-place"
VIEW = "map-view"  # the panned or zoomed map's extent: west, south, east, north (or None)
LAYERS = "layers"
LANG = "lang"
LEGEND = "legend"
WHY = "why"
EVENTS = "event-list"
TREND = "trend"
METRIC = "trend-metric"
FOOTER = "footer"
COVERAGE = "coverage"
LOCALITY_COUNT = "localities"
NOTE = "note"
CREDITS = "credits"
DOWNLOAD = "download-map"
DOWNLOAD_FORMAT = "download-format"
DOWNLOAD_BUTTON = "download-button"
FRAME = "date-frame"
FRAME_BASE = "frame-base"  # the date and data of the frame the map holds
FRAME_RESYNC = "frame-resync"  # asks for a frame again when an answer was overtaken
UPLOAD = "upload"
UPLOAD_BUTTON = "upload-button"
UPLOAD_KEY = "upload-key"  # the accepted upload's key, in the tab's session storage
ACTIVE_DATA = "active-data"  # the upload key whose map key the page has loaded (None: server's)
UPLOAD_STATUS = "upload-status"
UPLOAD_PROBLEMS = "upload-problems"
REMOVE_UPLOAD = "remove-upload"
DATA_LAYERS = "data-layers"
TEXT = "ui-text"  # pattern-matching {"type": TEXT, "key": ...}: words that follow the language
EMBED = "embed"
EMBED_CODE = "embed-code"
FOOTER_MORE = "footer-more"


def as_dict() -> dict[str, str]:
    """Every id by its name, as the page's JavaScript reads them (window.syriaIds)."""
    return {name: value for name, value in globals().items() if name.isupper()}
