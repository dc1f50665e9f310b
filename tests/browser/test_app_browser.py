"""The real app: Voilà serving the notebooks, driven by a keyboard and mouse in Chromium."""

from __future__ import annotations

import re
import time
import warnings
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from ..harness import eventually

pytestmark = pytest.mark.browser

PAYLOAD = 'Æblegrød & <script>window.hacked=1</script><img src=x onerror="window.hacked=2">'


def ready(page) -> None:
    """Wait until the page's widgets are on screen (Voilà renders them after the kernel runs)."""
    page.wait_for_selector(".inkl-page .inkl-stepper", state="visible")


def ready_or_reload(page, timeout_ms: float = 30_000) -> bool:
    """Wait for the page's widgets; True if the page had to be reloaded first.

    Pages used to stall on "Executing 2 of 3" about once in 25 loads, while the kernel sent
    scripts through an output widget during the run (now the template's ``inkl-page.js``). A
    person reloads a page that does not come; so does this, once, with a warning, so that a
    stall that comes back shows in the test output. A second stall fails the test.
    """
    try:
        page.wait_for_selector(".inkl-page .inkl-stepper", state="visible", timeout=timeout_ms)
        return False
    except PlaywrightTimeout:
        page.reload(wait_until="commit")
        ready(page)
        return True


def open_page(page, url: str, timeout_ms: float = 30_000) -> None:
    """Go to a page of the app and wait for its widgets, with a warning if it was reloaded."""
    page.goto(url, wait_until="commit")
    if ready_or_reload(page, timeout_ms):
        warnings.warn(f"Voilà left {url} unrendered; reloaded once", stacklevel=2)


def field(page, label: str):
    return page.get_by_label(label, exact=True)


def test_create_a_workbook_from_the_start_page(app, page):
    open_page(page, app.url("00_start.ipynb"))
    field(page, "Organisationens navn").fill("Foreningen Ø-lyst")
    page.get_by_role("button", name="Opret arbejdsbog").click()
    page.wait_for_url(re.compile(r"workbook=[a-z0-9]+"))
    ready(page)
    expect(page.locator(".inkl-workbook-name")).to_have_text("Foreningen Ø-lyst")
    assert page.evaluate("document.documentElement.lang") == "da"
    assert "inkl" in page.title()


def test_a_page_loads_only_from_this_machine_and_compressed(app, page):
    # Notes may concern vulnerable people: opening a page must not tell any other host, and
    # Voilà's ~4.7 MiB front end travels gzipped.
    requests, responses = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: responses.append(response))
    open_page(page, app.url("01_beskriv_praksis.ipynb", app.demo_id))
    hosts = {re.match(r"\w+://[^/]*", url).group(0) for url in requests if "://" in url}
    assert hosts == {f"http://127.0.0.1:{app.port}"}
    scripts = [r for r in responses if r.url.split("?")[0].endswith(".js") and r.status == 200]
    assert scripts
    assert all(r.headers.get("content-encoding") == "gzip" for r in scripts)


def test_page_kernels_talk_to_the_server_over_socket_files(app, page):
    # ipc: no port for a kernel to lose to another process in a start-up race (the way a page
    # stalled on "Executing" now and then), and no connection other users of the machine see.
    import json

    import psutil

    open_page(page, app.url("01_beskriv_praksis.ipynb", app.demo_id))
    kernels = [
        child
        for child in psutil.Process(app.process.pid).children(recursive=True)
        if "ipykernel" in " ".join(child.cmdline())
    ]
    assert kernels
    for kernel in kernels:
        arguments = kernel.cmdline()
        connection = json.loads(Path(arguments[arguments.index("-f") + 1]).read_text())
        assert connection["transport"] == "ipc"
        assert [c for c in kernel.net_connections(kind="inet") if c.status != "LISTEN"] == []


def test_answers_own_questions_and_payloads_survive_a_reload(app, page, danish):
    workbook_id = app.store.create("Reload-prøven")
    first = danish.question_groups("step1")[0].questions[0].text
    step2 = danish.question_groups("step2")[2].questions[1].text
    open_page(page, app.url("01_beskriv_praksis.ipynb", workbook_id))
    field(page, first).fill(PAYLOAD)
    page.get_by_role("button", name="Tilføj vores eget spørgsmål").first.click()
    field(page, "Vores eget spørgsmål 1").fill("Hvem har vi glemt?")
    field(page, "Svar på vores eget spørgsmål 1").fill("Naboerne på æblevej")
    expect(page.locator(".inkl-save")).to_contain_text("Gemt kl.")
    eventually(lambda: "Naboerne på æblevej" in str(app.store.load(workbook_id).own_questions))
    open_page(page, app.url("02_vurder_potentialet.ipynb", workbook_id))
    field(page, step2).fill("Vi øver os – på dansk")
    expect(page.locator(".inkl-save")).to_contain_text("Gemt kl.")
    eventually(lambda: "Vi øver os – på dansk" in app.store.load(workbook_id).answers.values())
    page.reload()
    ready(page)
    expect(field(page, step2)).to_have_value("Vi øver os – på dansk")
    open_page(page, app.url("01_beskriv_praksis.ipynb", workbook_id))
    expect(field(page, first)).to_have_value(PAYLOAD)
    expect(field(page, "Vores eget spørgsmål 1")).to_have_value("Hvem har vi glemt?")
    expect(field(page, "Svar på vores eget spørgsmål 1")).to_have_value("Naboerne på æblevej")
    assert page.evaluate("window.hacked") is None
    stored = app.store.load(workbook_id)
    assert stored.answers[danish.question_groups("step1")[0].questions[0].id] == PAYLOAD


def test_two_tabs_keep_both_answers_and_see_each_other(app, browser, danish):
    workbook_id = app.store.create("To faner")
    questions = danish.question_groups("step1")[1].questions
    context = browser.new_context()
    try:
        left, right = context.new_page(), context.new_page()
        for tab in (left, right):
            tab.set_default_timeout(60_000)
            tab.goto(app.url("01_beskriv_praksis.ipynb", workbook_id))
            ready(tab)
        field(left, questions[0].text).fill("Fra venstre fane")
        field(right, questions[1].text).fill("Fra højre fane")
        expect(field(right, questions[0].text)).to_have_value("Fra venstre fane", timeout=15_000)
        expect(field(left, questions[1].text)).to_have_value("Fra højre fane", timeout=15_000)
    finally:
        for tab in context.pages:
            tab.close(run_before_unload=True)
        context.close()
    answers = app.store.load(workbook_id).answers
    assert answers[questions[0].id] == "Fra venstre fane"
    assert answers[questions[1].id] == "Fra højre fane"


def test_step1_works_by_keyboard_alone(app, page, danish):
    workbook_id = app.store.create("Tastaturet")
    open_page(page, app.url("01_beskriv_praksis.ipynb", workbook_id))
    # the save state is announced from one live region that stays while its text changes
    indicator = page.locator(".inkl-live").filter(has=page.locator(".inkl-save"))
    expect(indicator).to_have_attribute("aria-live", "polite")
    live_region = indicator.element_handle()
    questions = [q for g in danish.question_groups("step1") for q in g.questions]
    first_label = questions[0].text
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.labels?.[0]?.innerText || ''")
        if focused.strip() == first_label:
            break
    else:
        pytest.fail("Tab never reached the first question")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type("Første svar")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.labels[0].innerText").strip() == questions[1].text
    page.keyboard.type("Andet svar")
    expect(page.locator(".inkl-save")).to_contain_text("Gemt kl.")

    def both_saved() -> bool:
        answers = app.store.load(workbook_id).answers
        return (answers.get(questions[0].id), answers.get(questions[1].id)) == (
            "Første svar",
            "Andet svar",
        )

    eventually(both_saved)
    # the region from before the typing is still there, and says so once the last key is saved
    page.wait_for_function("e => e.innerText.includes('Gemt kl.')", arg=live_region)
    assert live_region.evaluate("e => e.isConnected && e.getAttribute('role')") == "status"


def test_page_changes_walk_every_page_and_leave_few_kernels(app, page):
    # Twenty changes walk the six pages twice each way; the benchmark makes fifty (bench/).
    # A stalled render's kernel stays until the idle culler takes it (5 minutes): count the
    # ones earlier tests may have left, and this test's own stalls, as allowed.
    left_before = app.kernel_count()
    open_page(page, app.url("00_start.ipynb", app.demo_id))
    seen = []
    stalls = 0
    forward = True
    for _ in range(20):  # back and forth through all the pages, as a facilitator might
        if page.locator("a.inkl-next").count() == 0:
            forward = False
        elif page.locator("a.inkl-prev").count() == 0:
            forward = True
        page.locator("a.inkl-next" if forward else "a.inkl-prev").click()
        stalls += ready_or_reload(page)  # counted: a facilitator reloads a stalled page too
        assert f"workbook={app.demo_id}" in page.url
        seen.append(page.locator('.inkl-stepper a[aria-current="page"]').inner_text())
    assert seen[:5] == [
        "Trin 1: Beskriv praksis",
        "Trin 2: Vurdér potentialet",
        "Trin 3: Lav en handleplan",
        "Trin 4: Følg op og tilpas",
        "Eksport",
    ]
    assert seen[5:10] == [
        "Trin 4: Følg op og tilpas",
        "Trin 3: Lav en handleplan",
        "Trin 2: Vurdér potentialet",
        "Trin 1: Beskriv praksis",
        "Start",
    ]
    assert seen[10:] == seen[:10]
    page.goto("about:blank")  # leaving posts the shutdown of the last page's kernel too
    allowed = 1 + left_before + stalls  # kernels start per request: no pools wait
    deadline = time.monotonic() + 30
    while app.kernel_count() > allowed and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    assert app.kernel_count() <= allowed, "page changes left kernels running"
    assert stalls <= 2, f"{stalls} of 20 page changes stalled"


@pytest.fixture(scope="module")
def preheated_app(tmp_path_factory):
    """The same app with a preheated kernel per page (inkl app --preheat)."""
    from ..harness import RunningApp

    running = RunningApp(tmp_path_factory.mktemp("preheated") / "data", preheat=True)
    yield running
    running.stop()


def test_the_address_picks_the_workbook_with_and_without_preheated_kernels(
    app, preheated_app, browser
):
    for server in (app, preheated_app):
        other = server.store.create("Anden forening")
        context = browser.new_context()
        try:
            first, second = context.new_page(), context.new_page()
            for tab, workbook_id in ((first, server.demo_id), (second, other)):
                # The second tab waits for the preheated pool to heat a new kernel: on a busy
                # machine that kernel and five others are all still starting.
                tab.set_default_timeout(90_000)
                open_page(tab, server.url("01_beskriv_praksis.ipynb", workbook_id), 90_000)
            expect(first.locator(".inkl-workbook-name")).to_have_text("Velkommen her")
            expect(second.locator(".inkl-workbook-name")).to_have_text("Anden forening")
        finally:
            for tab in context.pages:
                tab.close(run_before_unload=True)
            context.close()
