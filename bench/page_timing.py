"""Page timings in real Chromium, measured by the page itself.

A script added to every document of a browser context watches, on every animation frame, for
named marks (CSS selectors) to become visible and notes ``performance.now()`` for each: time since
navigation start. A page need not have every mark; the caller says which ones to wait for. A
click on a link notes its time in ``sessionStorage``, which the next page of the same tab can
read, so moving between pages is measured from the click. Playwright only waits for the marks;
its round trips are not part of any figure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page

TIMEOUT_MS = 30_000  # a page not ready by then counts as hung
READY = ("page",)  # the mark every measured page has

MARK_RECORDER = """
(marks) => {
  const seen = {};
  const names = Object.keys(marks);
  const visible = (css) => {
    const element = document.querySelector(css);
    if (element === null) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && element.checkVisibility({visibilityProperty: true});
  };
  const look = () => {
    const now = performance.now();
    for (const name of names) {
      if (!(name in seen) && visible(marks[name])) seen[name] = now;
    }
    if (Object.keys(seen).length < names.length) requestAnimationFrame(look);
  };
  window.__benchMarks = seen;
  requestAnimationFrame(look);
  document.addEventListener('click', (event) => {
    if (event.target.closest('a[href]')) {
      sessionStorage.setItem('benchClickAt', String(performance.timeOrigin + performance.now()));
    }
  }, true);
}
"""
MARKS_SINCE_CLICK = """
() => {
  const clickedAt = Number(sessionStorage.getItem('benchClickAt'));
  const sinceClick = (at) => performance.timeOrigin + at - clickedAt;
  return Object.fromEntries(Object.entries(window.__benchMarks).map(
    ([name, at]) => [name, [sinceClick(at), at]]));
}
"""
KERNEL_ID = "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"


def new_tab(browser: Browser, marks: dict[str, str], cookie_from: str | None = None) -> Page:
    """A tab in a fresh browser context: empty cache, no cookies, recording ``marks``.

    Parameters
    ----------
    marks : name to CSS selector; each is noted when it first becomes visible.
    cookie_from : a URL to fetch first, for Voilà's request-forgery cookie. Without it leaving a
        bare page cannot shut its kernel down (stack notes); the app fetches it by itself.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(script=f"({MARK_RECORDER})({json.dumps(marks)})")
    if cookie_from:
        context.request.get(cookie_from)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    return tab


def load(tab: Page, url: str, wait_for: tuple[str, ...] = READY) -> dict[str, float]:
    """Open ``url``; seconds from navigation start until each mark was visible."""
    tab.goto(url, wait_until="commit")
    return {name: ms / 1000 for name, ms in _marks(tab, wait_for, "window.__benchMarks").items()}


def follow(
    tab: Page, link: str, wait_for: tuple[str, ...] = READY
) -> tuple[dict[str, float], dict[str, float]]:
    """Click the link ``link`` (CSS) and wait for the next page's marks.

    Returns seconds until each mark from the click, and from the next page's navigation start.
    """
    anchor = tab.locator(link).first
    target = anchor.evaluate("a => a.href")
    anchor.click()
    tab.wait_for_url(target, wait_until="commit")
    marks = _marks(tab, wait_for, MARKS_SINCE_CLICK)
    since_click = {name: both[0] / 1000 for name, both in marks.items()}
    since_navigation = {name: both[1] / 1000 for name, both in marks.items()}
    return since_click, since_navigation


def _marks(tab: Page, wait_for: tuple[str, ...], read: str) -> dict:
    tab.wait_for_function(
        "names => names.every(name => name in (window.__benchMarks || {}))", arg=list(wait_for)
    )
    return tab.evaluate(read)


def kernel_id(tab: Page) -> str:
    """The id of the kernel Voilà gave the open page."""
    return tab.evaluate(KERNEL_ID)


def close(tab: Page) -> None:
    """Leave the page like a person does, so Voilà shuts its kernel down, and drop the context."""
    context = tab.context
    for open_tab in context.pages:
        open_tab.close(run_before_unload=True)
    context.close()


@dataclass(frozen=True)
class Transfer:
    """What a first visit downloaded over HTTP (websocket messages not included)."""

    body_bytes: int
    requests: int
    compressed: int  # responses sent with a Content-Encoding
    other_hosts: tuple[str, ...]  # hosts other than the server the page asked for anything


def first_visit(tab: Page, url: str) -> Transfer:
    """Open ``url`` in a fresh tab and add up the response bodies until the network is idle."""
    asked, finished = [], []
    tab.on("request", lambda request: asked.append(request))
    tab.on("requestfinished", lambda request: finished.append(request))
    load(tab, url)
    tab.wait_for_load_state("networkidle")
    body_bytes, compressed = 0, 0
    for request in finished:
        body_bytes += request.sizes()["responseBodySize"]
        response = request.response()
        compressed += bool(response and response.header_value("content-encoding"))
    server = urlsplit(url).hostname
    hosts = {urlsplit(request.url).hostname for request in asked} - {server, None}
    return Transfer(body_bytes, len(finished), compressed, tuple(sorted(hosts)))
