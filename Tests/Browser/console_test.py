"""The release console in a real browser (docs/console.md).

Headless Chromium, driven through Debian's chromium-driver by selenium, against a real
`runway serve` on 127.0.0.1 that scripts/console-check.sh starts over a temporary SQLite store
with tokens for alice (merchant, developer-admin of acme), wendy (superpay's reviewer) and bob
(developer of acme assigned to shop), and walt (superpay's workspace-developer for shop, who may
not halt a phased release). Every page the run visits is saved as a screenshot under
CONSOLE_ARTIFACTS. Refusals are checked for their sentence, their status and that nothing changed.
"""

import json
import os
import re
import subprocess
import sys
import unittest
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["CONSOLE_BASE"]
ARTIFACTS = os.environ["CONSOLE_ARTIFACTS"]
RUNWAY = os.environ["CONSOLE_RUNWAY"]
REPO = os.environ["CONSOLE_REPO"]
TOKENS = {name: os.environ["CONSOLE_" + name.upper()] for name in ("alice", "wendy", "bob", "walt", "resolver")}
MASK = "••••••"
# Room when the server's times are compared with this process's clock.
SLACK = timedelta(seconds=5)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(method, path, cookie=None, fields=None):
    """A request outside the browser (a forged form post): status and body, redirects not followed."""
    data = urllib.parse.urlencode(fields or {}).encode() if method == "POST" else None
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if cookie:
        request.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def cli(*arguments):
    """The runway CLI on the same store: what an operator would run."""
    return subprocess.run([RUNWAY, *arguments], capture_output=True, text=True, timeout=60)


def cli_json(*arguments):
    """A CLI command's `--json` answer; a failure stops the test with its sentence."""
    result = cli(*arguments, "--json")
    if result.returncode != 0:
        raise AssertionError(f"runway {' '.join(arguments)} failed: {result.stderr.strip()}")
    return json.loads(result.stdout)


def stored(release):
    """What the store says of a release: its state, its revision and its history (actor per event)."""
    shown = cli_json("show", release)
    history = cli_json("history", release)
    return shown["state"], shown["revision"], [(entry["event"], entry["actor"]) for entry in history]


def running_timers(release):
    """The release's running timers from `runway timers list` (paused ones are not listed): event → due."""
    return {timer["event"]: moment(timer["dueAt"]) for timer in cli_json("timers", "list")
            if timer["instance"] == release}


def moment(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class Browser:
    """One person's headless Chromium: its own cookies, its own session."""

    shots = 0

    def __init__(self, actor):
        self.actor = actor
        options = Options()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1280,900", "--no-first-run", "--disable-extensions"):
            options.add_argument(argument)
        service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.implicitly_wait(3)
        self.driver.set_page_load_timeout(20)

    def quit(self):
        self.driver.quit()

    def open(self, path):
        self.driver.get(BASE + path)

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css):
        self.driver.implicitly_wait(0)
        try:
            return self.driver.find_elements(By.CSS_SELECTOR, css)
        finally:
            self.driver.implicitly_wait(3)

    def navigating(self, action):
        """Runs `action` (a click, a key) and waits until the page it leads to has replaced this one."""
        self.driver.execute_script("window.runwayOldPage = true")
        action()

        def arrived(driver):
            try:
                return driver.execute_script(
                    "return window.runwayOldPage === undefined && document.readyState === 'complete'")
            except WebDriverException:  # the old document went away mid-question
                return False

        WebDriverWait(self.driver, 15).until(arrived)

    def click(self, css):
        """Clicks what leads to another page, and waits for it."""
        self.navigating(lambda: self.find(css).click())

    def text(self, css):
        return self.find(css).text

    def path(self):
        return urllib.parse.urlparse(self.driver.current_url).path

    def shot(self, name):
        """A full-page screenshot, numbered in the order taken."""
        Browser.shots += 1
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1280, max(900, min(int(height) + 40, 6000)))
        self.driver.save_screenshot(os.path.join(ARTIFACTS, f"{Browser.shots:02d}-{name}.png"))
        self.driver.set_window_size(1280, 900)

    def sign_in(self, token=None):
        self.open("/sign-in")
        self.find("#token").send_keys(token or TOKENS[self.actor])
        self.click("#sign-in-button")

    def session_cookie(self):
        cookie = self.driver.get_cookie("runway_session")
        return f"runway_session={cookie['value']}" if cookie else None

    def csrf(self):
        return self.find("form.sign-out input[name=csrf]").get_attribute("value")

    def fire(self, event, **params):
        """Fills the form of `event` (text, number, select) and submits it."""
        form = self.find(f"#event-{event}")
        for name, value in params.items():
            control = form.find_element(By.CSS_SELECTOR, f"[name='{name}']")
            if control.tag_name == "select":
                Select(control).select_by_value(value)
            else:
                control.clear()
                control.send_keys(value)
        self.click(f"#event-{event}-submit")

    def state(self):
        """The state shown, and the refusal on the page if any (for a failure's message)."""
        problems = self.all("#problem")
        state = self.find("#state").get_attribute("data-state")
        return state if not problems else f"{state} (refused: {problems[0].text})"

    def revision(self):
        return int(self.text("#revision"))

    def forms(self):
        return [form.get_attribute("id") for form in self.all("form.operation")]

    def field(self, name):
        return self.find(f"dd[data-field='{name}']").text


class ConsoleTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.alice = Browser("alice")
        cls.wendy = Browser("wendy")
        cls.bob = Browser("bob")

    @classmethod
    def tearDownClass(cls):
        for browser in (cls.alice, cls.wendy, cls.bob):
            browser.quit()

    def start_release(self, browser, version, environment="production", shot=None):
        browser.open("/start?workflow=mini-program-release")
        Select(browser.find("#start-miniProgram")).select_by_value("shop")
        browser.find("#start-version").send_keys(version)
        Select(browser.find("#start-targetApp")).select_by_value("superpay")
        Select(browser.find("#start-environment")).select_by_value(environment)
        if shot:
            browser.shot(shot)
        browser.click("#start-submit")
        self.assertEqual(browser.state(), "selected")
        self.assertIn("Start done", browser.text("#notice"))
        return browser.text("#release-id")

    def carry_to_review(self, browser, release):
        browser.open(f"/releases/{release}")
        browser.fire("release")
        self.assertEqual(browser.state(), "ready")
        browser.fire("apply")
        self.assertEqual(browser.state(), "under-review")

    def phased_release(self, version):
        """A release of shop `version` to superpay production carried to `phased-release` (1 %) through
        the CLI, as README's phased tour does; the pages are for what comes next."""
        release = cli("start", "mini-program-release", "--as", "alice", "--set", "miniProgram=shop",
                      "--set", f"version={version}", "--set", "targetApp=superpay", "--set", "environment=production")
        self.assertEqual(release.returncode, 0, release.stderr)
        release = release.stdout.strip()
        for event, actor, *params in (("release", "alice"), ("apply", "alice"), ("approve", "wendy"),
                                      ("add-testers", "alice", "--param", "testers=u-1"),
                                      ("complete-testing", "alice"), ("start-phased", "alice")):
            fired = cli("fire", release, event, "--as", actor, *params)
            self.assertEqual(fired.returncode, 0, f"{event}: {fired.stderr}")
        self.assertEqual(stored(release)[0], "phased-release")
        return release

    def forged_post_refused(self, browser, release, event, actor):
        """Posts `event`'s form by hand from the browser's session, CSRF value included: it must
        get 403, and the CLI must refuse the same actor; returns the page and the CLI's sentence."""
        status, body, _ = http("POST", f"/releases/{release}/events/{event}", cookie=browser.session_cookie(),
                               fields={"csrf": browser.csrf()})
        self.assertEqual(status, 403)
        refusal = cli("fire", release, event, "--as", actor)
        self.assertNotEqual(refusal.returncode, 0)
        return body, refusal.stderr.strip().removeprefix("error: ")

    def history_shown(self, browser):
        """The page's history, oldest first: (event, actor) per entry."""
        entries = sorted(browser.all("ol.history li"), key=lambda entry: int(entry.get_attribute("data-revision")))
        return [(entry.get_attribute("data-event"), re.search(r" by (\S+): ", entry.text).group(1))
                for entry in entries]

    def test_1_a_whole_release_through_the_pages(self):
        alice, wendy, bob = self.alice, self.wendy, self.bob

        # Signing in: the console sends a stranger to the sign-in page, refuses a wrong token.
        alice.open("/releases")
        self.assertEqual(alice.path(), "/sign-in")
        alice.shot("sign-in")
        alice.sign_in(token="rw_tnotatoken_0000000000000000000000000000000")
        self.assertEqual(alice.text("#problem"), "the bearer token is not valid")
        alice.sign_in()
        self.assertEqual(alice.path(), "/releases")
        self.assertEqual(alice.text("#actor"), "alice")
        cookie = alice.driver.get_cookie("runway_session")
        self.assertTrue(cookie["httpOnly"])
        self.assertEqual(cookie["sameSite"], "Strict")

        # Select App: alice starts a release of shop 1.0.0 to superpay production.
        release = self.start_release(alice, "1.0.0", shot="new-release")
        self.assertEqual(alice.find("#stepper li.current").get_attribute("data-state"), "selected")
        self.assertCountEqual(alice.forms(), ["event-release", "event-configure"])
        # The configuration: the program's global one overlaid, its secret masked.
        alice.fire("configure", configuration='{"theme": "dark"}')
        self.assertEqual(alice.find("dd[data-key='theme']").text, "dark")
        self.assertEqual(alice.find("dd[data-key='appSecret']").text, MASK)
        self.assertNotIn("s3cr3t", alice.driver.page_source)
        alice.shot("release-selected")

        self.carry_to_review(alice, release)
        self.assertTrue(alice.field("packageDigest").startswith("sha256:"))

        # bob: the assigned developer may see the release but not approve it.
        bob.sign_in()
        bob.open(f"/releases/{release}")
        self.assertNotIn("event-approve", bob.forms())
        self.assertEqual(bob.all("#event-approve-submit"), [])
        bob.click("#show-blockers")
        blockers = bob.text("#blockers")
        self.assertIn("bob may not approve", blockers)
        bob.shot("release-bob-blockers")

        # A forged approve post with bob's own session and CSRF token: 403, the CLI's sentence, nothing changed.
        revision = bob.revision()
        body, sentence = self.forged_post_refused(bob, release, "approve", "bob")
        self.assertIn(html_escaped(sentence), body)
        bob.open(f"/releases/{release}")
        self.assertEqual((bob.state(), bob.revision()), ("under-review", revision))

        # A post without a CSRF token, or with a wrong one, is refused before anything runs.
        for fields in ({}, {"csrf": "0" * 64}):
            status, body, _ = http("POST", f"/releases/{release}/events/approve", cookie=wendy_cookie(wendy),
                                   fields=fields)
            self.assertEqual(status, 403)
            self.assertIn("no valid CSRF token", body)
        wendy.open(f"/releases/{release}")
        self.assertEqual((wendy.state(), wendy.revision()), ("under-review", revision))

        # wendy rejects with a reason; alice updates and applies afresh.
        self.assertCountEqual(wendy.forms(), ["event-approve", "event-reject"])
        wendy.shot("release-wendy-review")
        wendy.fire("reject", reason="The privacy policy link is missing")
        self.assertEqual(wendy.state(), "rejected")
        self.assertEqual(wendy.field("rejectionReason"), "The privacy policy link is missing")
        alice.open(f"/releases/{release}")
        alice.fire("update", basicInfo='{"privacyPolicy": "https://acme.example/privacy"}')
        self.assertEqual(alice.state(), "ready")
        alice.fire("apply")
        self.assertEqual(alice.state(), "under-review")
        applies = [entry for entry in alice.all("ol.history li") if entry.get_attribute("data-event") == "apply"]
        self.assertEqual(len(applies), 2)

        # wendy approves: pilot testing is required for superpay.
        wendy.open(f"/releases/{release}")
        wendy.fire("approve")
        self.assertEqual(wendy.state(), "pilot-testing")

        # alice uploads the testers file (multipart, typed by the workflow as the API does).
        alice.open(f"/releases/{release}")
        alice.find("#event-add-testers-testers-file").send_keys(os.path.join(REPO, "examples/testers.csv"))
        alice.shot("release-add-testers")
        alice.click("#event-add-testers-submit")
        self.assertEqual(alice.state(), "pilot-testing")
        self.assertEqual(alice.field("testers"), "{u-1001, u-1002, u-1003, u-1004}")
        self.assertEqual(alice.text("#exposure-sentence"), "4 pilot testers get 1.0.0.")

        # Which version does this user get: a pilot tester, and someone else.
        alice.find("#rollout-user").send_keys("u-1002")
        alice.click("#rollout-ask")
        self.assertIn("u-1002 gets 1.0.0 as a pilot tester", alice.text("#rollout-answer"))
        alice.find("#rollout-user").clear()
        alice.navigating(lambda: alice.find("#rollout-user").send_keys("u-42" + Keys.ENTER))
        self.assertIn("u-42 gets no version", alice.text("#rollout-answer"))

        # bob, assigned to shop, completes the testing.
        bob.open(f"/releases/{release}")
        self.assertIn("event-complete-testing", bob.forms())
        bob.fire("complete-testing")
        self.assertEqual(bob.state(), "release-preparation")

        # alice: grayscale 10% with the keyboard only, then 50%.
        alice.open(f"/releases/{release}")
        keyboard_fire_grayscale(self, alice, "10")
        self.assertEqual(alice.state(), "grayscale")
        self.assertEqual(alice.find("#exposure progress").get_attribute("value"), "10")
        self.assertEqual(alice.text("#exposure-sentence"), "10% of users get 1.0.0 (grayscale).")
        alice.shot("release-grayscale")
        alice.fire("grayscale", percent="50")
        revision = alice.revision()

        # A refusal of the workflow: the same sentence as the CLI, 422, nothing changed.
        alice.fire("grayscale", percent="20")
        self.assertEqual(alice.text("#problem"), "the grayscale percentage only goes up (now 50%)")
        self.assertEqual((alice.find("#state").get_attribute("data-state"), alice.revision()), ("grayscale", revision))
        status, body, _ = http("POST", f"/releases/{release}/events/grayscale", cookie=alice.session_cookie(),
                               fields={"csrf": alice.csrf(), "percent": "20"})
        self.assertEqual(status, 422)
        refusal = cli("fire", release, "grayscale", "--as", "alice", "--param", "percent=20")
        self.assertEqual(refusal.stderr.strip(), "error: the grayscale percentage only goes up (now 50%)")
        alice.shot("release-refused")

        alice.open(f"/releases/{release}")
        alice.fire("grayscale", percent="100")
        self.assertEqual(alice.state(), "released")
        self.assertEqual(alice.find("#stepper li.current").get_attribute("data-state"), "released")
        self.assertEqual(alice.forms(), [])
        # The log: every entry with its details.
        entry = alice.find("ol.history li[data-event='reject']")
        entry.find_element(By.TAG_NAME, "summary").click()  # opens in place: no navigation
        self.assertIn("The privacy policy link is missing", entry.find_element(By.CSS_SELECTOR, "dd[data-param='reason']").text)
        alice.shot("release-released")
        shown = cli("show", release, "--json")
        self.assertIn('"state" : "released"', shown.stdout.replace('": "', '" : "'))

        # The releases, filtered by state, mini program, app and environment.
        alice.open("/releases?workflow=mini-program-release")
        Select(alice.find("#filter-state")).select_by_value("released")
        Select(alice.find("#filter-miniProgram")).select_by_value("shop")
        Select(alice.find("#filter-targetApp")).select_by_value("superpay")
        Select(alice.find("#filter-environment")).select_by_value("production")
        alice.click("#filter-apply")
        ids = [row.get_attribute("data-id") for row in alice.all("#releases tbody tr[data-id]")]
        self.assertEqual(ids, [release])
        alice.shot("releases")
        Select(alice.find("#filter-environment")).select_by_value("sandbox")
        alice.click("#filter-apply")
        self.assertEqual(alice.all("#releases tbody tr[data-id]"), [])

        # The standalone box: every user now gets 1.0.0.
        alice.open("/rollout?app=superpay&env=production&miniProgram=shop&user=u-42")
        self.assertIn("u-42 gets 1.0.0, released to every user", alice.text("#rollout-answer"))
        alice.shot("rollout")

        # The workflow's diagram, drawn on the server.
        alice.open("/workflows/mini-program-release")
        self.assertTrue(alice.all("#diagram svg g.state"))
        self.assertIn("stateDiagram-v2", alice.driver.execute_script("return document.getElementById('mermaid').textContent"))
        alice.shot("workflow")

    def test_2_sign_out_ends_the_session(self):
        browser = Browser("alice")
        try:
            browser.sign_in()
            cookie = browser.session_cookie()
            self.assertEqual(http("GET", "/releases", cookie=cookie)[0], 200)
            browser.click("#sign-out")
            self.assertEqual(browser.path(), "/sign-in")
            self.assertEqual(browser.text("#notice"), "You signed out.")
            browser.open("/releases")
            self.assertEqual(browser.path(), "/sign-in")
            # The old cookie replayed is no session any more.
            status, _, headers = http("GET", "/releases", cookie=cookie)
            self.assertEqual(status, 303)
            self.assertTrue(headers["Location"].startswith("/sign-in"))
        finally:
            browser.quit()

    def test_3_a_resolve_token_may_not_sign_in(self):
        browser = Browser("resolver")
        try:
            browser.sign_in()
            self.assertEqual(browser.path(), "/sign-in")
            self.assertIn("it needs the operate scope", browser.text("#problem"))
            self.assertIsNone(browser.session_cookie())
        finally:
            browser.quit()

    def test_4_a_sign_in_without_its_csrf_value_is_refused(self):
        status, body, headers = http("POST", "/sign-in", fields={"token": TOKENS["alice"]})
        self.assertEqual(status, 403)
        self.assertIn("no valid CSRF token", body)
        self.assertNotIn("runway_session", headers.get("Set-Cookie", ""))

    def test_5_a_phased_release_halted_and_resumed_through_the_pages(self):
        alice, wendy = self.alice, self.wendy
        release = self.phased_release("1.1.0")
        started = running_timers(release)
        self.assertEqual(set(started), {"advance-phase"})

        # wendy, superpay's workspace-admin, may halt a release that harms her app (docs/rollout.md).
        signed_in(wendy)
        wendy.open(f"/releases/{release}")
        self.assertEqual(wendy.state(), "phased-release")
        self.assertIn("event-halt", wendy.forms())
        self.assertNotIn("event-resume", wendy.forms())
        self.assertEqual(wendy.text("#exposure-sentence"), "1% of users get 1.1.0 (grayscale).")
        wendy.shot("release-phased")
        halted_at = datetime.now(timezone.utc)
        wendy.fire("halt")
        self.assertEqual(wendy.state(), "phased-halted")
        self.assertEqual(wendy.text("#notice"), "Halt Phased Release done: the release is now Phased Release Halted.")
        self.assertEqual(wendy.find("#stepper li.current").get_attribute("data-state"), "phased-halted")
        self.assertIn("event-resume", wendy.forms())
        self.assertNotIn("event-halt", wendy.forms())
        # Users keep what they got.
        self.assertEqual(wendy.text("#exposure-sentence"), "1% of users get 1.1.0 (grayscale).")
        self.assertEqual(self.history_shown(wendy)[-1], ("halt", "wendy"))
        wendy.shot("release-halted")
        state, revision, history = stored(release)
        self.assertEqual((state, revision), ("phased-halted", wendy.revision()))
        self.assertEqual(history[-1], ("halt", "wendy"))
        # Nothing advances while halted: the interval's timer is gone and the halt budget (30 days) runs.
        timers = running_timers(release)
        self.assertEqual(set(timers), {"halt-budget-spent"})
        self.assertTrue(halted_at + timedelta(days=30) - SLACK <= timers["halt-budget-spent"]
                        <= datetime.now(timezone.utc) + timedelta(days=30) + SLACK, timers)
        self.assertEqual(cli_json("show", release)["next"]["event"], "halt-budget-spent")

        # alice, the merchant, resumes: the next step comes a full interval after the resume.
        signed_in(alice)
        alice.open(f"/releases/{release}")
        self.assertIn("event-resume", alice.forms())
        resumed_at = datetime.now(timezone.utc)
        alice.fire("resume")
        self.assertEqual(alice.state(), "phased-release")
        self.assertEqual(alice.text("#notice"), "Resume Phased Release done: the release is now Phased Release.")
        self.assertIn("event-halt", alice.forms())
        self.assertNotIn("event-resume", alice.forms())
        self.assertEqual(self.history_shown(alice)[-2:], [("halt", "wendy"), ("resume", "alice")])
        alice.shot("release-resumed")
        state, revision, history = stored(release)
        self.assertEqual((state, revision), ("phased-release", alice.revision()))
        self.assertEqual(history[-2:], [("halt", "wendy"), ("resume", "alice")])
        self.assertEqual(history, self.history_shown(alice))
        # The halt budget is paused (a `total` timer, not listed while paused); the interval starts again.
        timers = running_timers(release)
        self.assertEqual(set(timers), {"advance-phase"})
        self.assertGreaterEqual(timers["advance-phase"], resumed_at + timedelta(hours=24) - SLACK)
        self.assertGreater(timers["advance-phase"], started["advance-phase"])

        # Paused, not restarted: a second halt (CLI) continues the budget with what the first one left.
        fired = cli("fire", release, "halt", "--as", "alice")
        self.assertEqual(fired.returncode, 0, fired.stderr)
        halts = [moment(entry["at"]) for entry in cli_json("history", release) if entry["event"] in ("halt", "resume")]
        first_halt, resume, second_halt = halts
        left = timedelta(days=30) - (resume - first_halt)
        due = running_timers(release)["halt-budget-spent"]
        # A restarted budget would be due `resume - first_halt` (a page's round trip or more) later.
        self.assertGreater(resume - first_halt, timedelta(milliseconds=100))
        self.assertLess(abs(due - (second_halt + left)), timedelta(milliseconds=20), (due, second_halt, left))

    def test_6_who_may_not_halt_gets_no_halt_and_a_forged_one_is_refused(self):
        release = self.phased_release("1.2.0")
        # walt, superpay's workspace-developer for shop, sees the release but may not halt it.
        walt = Browser("walt")
        try:
            walt.sign_in()
            walt.open(f"/releases/{release}")
            self.assertEqual(walt.state(), "phased-release")
            self.assertNotIn("event-halt", walt.forms())
            self.assertEqual(walt.all("#event-halt-submit"), [])
            walt.click("#show-blockers")
            self.assertIn("walt may not halt", walt.find("#blockers").text)
            walt.shot("release-walt-no-halt")
            before, timers, shown = stored(release), running_timers(release), self.history_shown(walt)

            # His session's own form post, CSRF value included: 403 with the CLI's sentence on the page.
            body, sentence = self.forged_post_refused(walt, release, "halt", "walt")
            self.assertIn("walt may not halt", sentence)
            self.assertIn(f'id="problem">{html_escaped(sentence)}</p>', body)

            # Nothing changed: state, revision, history, timers.
            self.assertEqual(stored(release), before)
            self.assertEqual(running_timers(release), timers)
            walt.open(f"/releases/{release}")
            self.assertEqual((walt.state(), walt.revision()), before[:2])
            self.assertEqual(self.history_shown(walt), shown)
        finally:
            walt.quit()


def html_escaped(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def signed_in(browser):
    if browser.session_cookie() is None:
        browser.sign_in()


def wendy_cookie(wendy):
    if wendy.session_cookie() is None:
        wendy.sign_in()
    return wendy.session_cookie()


def keyboard_fire_grayscale(test, browser, percent):
    """Tab from the top of the page to the grayscale percentage, type it, tab to the button,
    press Enter: no mouse."""
    browser.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    target = "event-grayscale-percent"
    for _ in range(120):
        webdriver.ActionChains(browser.driver).send_keys(Keys.TAB).perform()
        if browser.driver.switch_to.active_element.get_attribute("id") == target:
            break
    else:
        test.fail(f"Tab never reached #{target}")
    webdriver.ActionChains(browser.driver).send_keys(percent).perform()
    webdriver.ActionChains(browser.driver).send_keys(Keys.TAB).perform()
    test.assertEqual(browser.driver.switch_to.active_element.get_attribute("id"), "event-grayscale-submit")
    browser.navigating(lambda: webdriver.ActionChains(browser.driver).send_keys(Keys.ENTER).perform())


if __name__ == "__main__":
    unittest.main(argv=sys.argv)
