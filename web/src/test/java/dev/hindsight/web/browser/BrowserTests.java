package dev.hindsight.web.browser;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.support.TestDataDirectory;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.LoadState;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.Section;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.store.JdbcEventStore;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The UI in a real browser (Debian's headless Chromium driven by Playwright) against the real server with the samples
 * loaded, as a new user meets it. Screenshots of the main pages go to target/screenshots for review.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"hindsight.mode=serve",
        "server.address=127.0.0.1"})
class BrowserTests {

    static final String PASSWORD = "correct-horse-battery-9";
    static final Path SHOTS = Path.of("target/screenshots");

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    JdbcEventStore store;

    @Autowired
    LuceneIndex index;

    @Autowired
    PostMortems postMortems;

    Playwright playwright;
    Browser browser;
    BrowserContext context;
    Page page;
    final List<String> consoleErrors = new ArrayList<>();

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-browser-");
    }

    @BeforeAll
    void launch() throws Exception {
        accounts.addUser("casey", Role.COMMANDER, PASSWORD);
        accounts.addUser("vic", Role.VIEWER, PASSWORD);
        accounts.addUser("rhea", Role.RESPONDER, PASSWORD);
        accounts.addUser("ada", Role.ADMIN, PASSWORD);
        Files.createDirectories(SHOTS);
        playwright = Playwright
                .create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    @AfterAll
    void close() {
        browser.close();
        playwright.close();
    }

    @BeforeEach
    void newContext() {
        context = browser
                .newContext(new Browser.NewContextOptions().setViewportSize(1280, 900).setTimezoneId("America/New_York")
                        .setAcceptDownloads(true));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
        consoleErrors.clear();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                consoleErrors.add(m.text());
            }
        });
        page.onPageError(consoleErrors::add);
        page.onResponse(r -> {
            if (r.status() >= 400) {
                consoleErrors.add(r.status() + " " + r.url());
            }
        });
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void signIn(String user) {
        page.navigate(url("/login"));
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", PASSWORD);
        page.click("button[type=submit]");
        page.waitForLoadState(LoadState.NETWORKIDLE);
    }

    /** The whole page, except for long ones (the workspace, the post-mortem), where the first screen says enough. */
    void shot(String name) {
        boolean longPage = name.equals("incident-workspace") || name.equals("postmortem") || name.equals("event-detail")
                || name.equals("curated");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(!longPage));
    }

    @Test
    void aNewUserFindsTheLastPassIncidentReadsItsTimelineFiltersSearchesAndOpensARawRecord() {
        signIn("casey");
        assertThat(page.locator("text=loaded two sample incidents")).isVisible();
        // each incident's metrics arrive from its timeline: LastPass was acknowledged 7 min after detection
        assertThat(page.locator("tr[data-key='LP-2014-08-12'] td[data-metric=timeToAcknowledgeSeconds]"))
                .hasText("7 min");
        shot("incidents");
        page.click("a:has-text('LP-2014-08-12')");
        page.waitForLoadState(LoadState.NETWORKIDLE);

        // lanes per storyline and the key moments as markers
        page.waitForSelector("#timeline .vis-timeline");
        assertThat(page.locator("#timeline .vis-label").count()).isGreaterThanOrEqualTo(4);
        // seven moments, impact start and detection at the same minute sharing one marker whose labels do not overlap
        assertThat(page.locator("#timeline .vis-custom-time").count()).isEqualTo(6);
        assertThat(page.locator("#timeline .vis-custom-time-marker:has-text('impact start · detected')")).hasCount(1);
        assertThat(page.locator("#timeline .vis-item.vis-range.span").count())
                .as("alerts drawn from firing to resolved").isPositive();
        assertThat(page.locator("#density canvas").first()).isVisible();
        shot("incident-workspace");

        // zoom: the visible window narrows
        double before = ((Number) page
                .evaluate("() => { const w = window.hindsightTimeline.getWindow(); return w.end - w.start; }"))
                .doubleValue();
        page.click("#zoom-in");
        page.waitForTimeout(600);
        double after = ((Number) page
                .evaluate("() => { const w = window.hindsightTimeline.getWindow(); return w.end - w.start; }"))
                .doubleValue();
        assertThat(after).isLessThan(before * 0.8);

        // a facet filter narrows the table to that source
        int all = page.locator("#entries tbody tr:visible").count();
        page.selectOption("select[data-filter=source]", "pagerduty");
        Locator shown = page.locator("#entries tbody tr:visible");
        assertThat(shown.count()).isBetween(1, all - 1);
        for (int i = 0; i < shown.count(); i++) {
            assertThat(shown.nth(i).getAttribute("data-source")).isEqualTo("pagerduty");
        }
        assertThat(page.locator("#filter-count")).containsText("of " + all + " entries");
        page.selectOption("select[data-filter=source]", "");
        page.selectOption("select[data-filter=host]", "web7.dc-west");
        Locator onHost = page.locator("#entries tbody tr:visible");
        assertThat(onHost.count()).isPositive();
        for (int i = 0; i < onHost.count(); i++) {
            assertThat(onHost.nth(i).getAttribute("data-host")).isEqualTo("web7.dc-west");
        }
        page.selectOption("select[data-filter=host]", "");

        // the raw record of an entry, with where it came from
        page.locator("#entries tbody tr button.detail").first().click();
        assertThat(page.locator("#detail .d-raw")).not().isEmpty();
        assertThat(page.locator("#detail .d-origin")).containsText("From ");
        assertThat(page.locator("#detail .d-fields")).containsText("When (UTC)");
        shot("event-detail");
        page.keyboard().press("Escape");

        // search within the incident, with the match highlighted
        page.fill("input[name=q]", "packet loss");
        page.press("input[name=q]", "Enter");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("mark").first()).isVisible();
        assertThat(page.locator("mark").first()).containsText("packet",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setIgnoreCase(true));
        shot("search");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aCommanderPinsAndAnnotatesWithTheKeyboardAndItPersists() {
        signIn("casey");
        page.navigate(url("/incidents/CHK-2026-03-10"));
        page.waitForSelector("#entries tbody tr");
        page.keyboard().press("j");
        String id = page.locator("#entries tbody tr.selected").getAttribute("data-id");
        // each edit reloads the page, which then says what was done: wait for that, not for the network to go quiet
        page.keyboard().press("p");
        assertThat(page.locator("#toast")).hasText("Pinned");
        page.waitForSelector("#entries tbody tr.selected");
        page.keyboard().press("n"); // a form, not a browser prompt
        assertThat(page.locator("#curate-dialog")).isVisible();
        assertThat(page.locator("#curate-dialog textarea[name=note]")).isFocused();
        page.keyboard().type("confirmed with the payments team");
        page.click("#curate-save");
        assertThat(page.locator("#toast")).hasText("Note saved");

        // re-timed in the viewer's own zone: 10 March 2026 10:05:05 in New York is 14:05:05 UTC
        page.waitForSelector("#entries tbody tr.selected");
        page.keyboard().press("t");
        assertThat(page.locator("#curate-dialog input[name=retimedAt]")).isFocused();
        page.fill("#curate-dialog input[name=retimedAt]", "2026-03-10T10:05:05");
        page.click("#curate-save");
        assertThat(page.locator("#toast")).hasText("Re-timed");

        page.reload();
        Locator row = page.locator("#entries tbody tr[data-id='" + id + "']");
        assertThat(row).hasAttribute("data-pinned", "true");
        assertThat(row).hasAttribute("data-at", "2026-03-10T14:05:05Z");
        assertThat(row.locator(".note-text")).hasText("confirmed with the payments team");
        assertThat(page.locator("#timeline .vis-item.pinned").first()).isVisible();
        shot("curated");
    }

    @Test
    void aCommanderDeclaresAnIncidentAndAttachesEventsFromASearch() {
        signIn("casey");
        page.selectOption("#zone-select", "UTC");
        page.click("details.declare summary");
        page.fill("input[name=key]", "NET-7");
        page.fill("input[name=title]", "Packet loss at dc-east, second look");
        page.fill("input[name=from]", "2014-08-12T07:00");
        page.fill("input[name=to]", "2014-08-12T10:00");
        page.selectOption("select[name=severity]", "SEV2");
        page.click("details.declare button[type=submit]");
        page.waitForURL("**/incidents/NET-7");
        assertThat(page.locator("h1")).hasText("Packet loss at dc-east, second look");
        assertThat(page.locator("p.meta time").first()).hasAttribute("datetime", "2014-08-12T07:00:00Z");

        page.navigate(url("/search?q=" + java.net.URLEncoder.encode("\"packet loss\"", StandardCharsets.UTF_8)));
        Locator boxes = page.locator("input[type=checkbox][name=event]");
        assertThat(boxes.count()).isGreaterThanOrEqualTo(2);
        boxes.nth(0).check();
        boxes.nth(1).check();
        page.selectOption("#attach-to", "NET-7");
        page.click("#attach button[type=submit]");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("p[role=status]")).containsText("2 events attached to NET-7");

        page.navigate(url("/?filter=NET-7"));
        assertThat(page.locator("table.list tbody tr")).hasCount(1);
        assertThat(page.locator("table.list tbody tr td.num").last()).hasText("2");
        shot("declared");
    }

    @Test
    void aCommanderEditsClosesAndReopensAnIncidentInTheirOwnZone() {
        signIn("casey");
        page.navigate(url("/incidents/CHK-2026-03-10"));
        page.selectOption("#zone-select", "America/New_York");
        page.click("#edit-incident summary");
        // the window shows on the viewer's clock: 10 March 2026 is EDT (UTC-4)
        String shownFrom = page.inputValue("#edit-incident input[name=from]");
        page.fill("#edit-incident input[name=title]", "Checkout errors after the config push");
        page.selectOption("#edit-incident select[name=severity]", "SEV1");
        page.fill("#edit-incident input[name=tags]", "config, checkout");
        page.fill("#edit-incident input[name=from]", "2026-03-10T09:00");
        page.click("#save-incident");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("p[role=status]")).containsText("Incident updated.");
        assertThat(page.locator("h1")).hasText("Checkout errors after the config push");
        assertThat(page.locator("p.meta time").first()).hasAttribute("datetime", "2026-03-10T13:00:00Z");
        assertThat(page.locator(".incident-life .incident-tag")).containsText(new String[]{"checkout", "config"});
        org.assertj.core.api.Assertions.assertThat(shownFrom).startsWith("2026-03-10T");

        page.click("#close-incident");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("#incident-status")).hasText("Closed");
        page.click("#reopen-incident");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("#incident-status")).hasText("Investigating");
        page.click("#incident-history summary");
        assertThat(page.locator("#incident-history li").first()).containsText("casey changed status");
        assertThat(page.locator("#entries")).containsText("Status: Closed → Investigating");
        shot("incident-lifecycle");

        page.click("#edit-incident summary");
        page.fill("#edit-incident input[name=to]", "2026-03-09T09:00");
        page.click("#save-incident");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("#edit-incident p[role=alert]")).containsText("the window must end after it starts");
        assertThat(page.locator("#edit-incident input[name=title]")).hasValue("Checkout errors after the config push");
    }

    @Test
    void aCommanderGivesAnItemAnOwnerAndADueDateFromTheBoardAndSetsPriorityInBulk() {
        signIn("casey");
        page.navigate(url("/actions?board=true"));
        Locator first = page.locator(".board tbody tr").first();
        String id = first.getAttribute("data-id");
        first.locator("details.item-edit summary").click();
        first.locator("input[name=owner]").fill("casey");
        first.locator("input[name=dueDate]").fill("2026-12-31");
        first.locator("details.item-edit button[type=submit]").click();
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("p[role=status]")).containsText("Action item " + id + " saved.");
        Locator saved = page.locator("#item-" + id);
        assertThat(saved.locator("td.owner")).hasText("casey");
        assertThat(saved.locator("td").nth(1)).hasText("2026-12-31");

        Locator rows = page.locator(".board tbody tr");
        rows.nth(0).locator("input[type=checkbox]").check();
        rows.nth(1).locator("input[type=checkbox]").check();
        page.selectOption("#bulk-edit select[name=priority]", "P1");
        page.click("#bulk-edit button[type=submit]");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("p[role=status]")).containsText("2 action items saved.");
        shot("action-board");

        page.navigate(url("/actions?owner=casey"));
        assertThat(page.locator("#item-" + id + " td").nth(7)).hasText("P1");
    }

    @Test
    void aStaleSaveKeepsTheTextAndASecondPersonApprovesBeforeItIsPublished() {
        Instant t0 = Instant.parse("2025-06-01T10:00:00Z");
        incidents.create(new NewIncident("REV-1", "Cache stampede", t0, t0.plusSeconds(3600), Severity.SEV2, null,
                "casey", false, Set.of()), Viewer.LOCAL_ADMIN);
        signIn("casey");
        page.navigate(url("/incidents/REV-1/postmortem"));
        page.fill("#section-ROOT_CAUSE", "Cache keys expired together.");
        page.click("button:has-text('Save as a new version')");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("p[role=status]")).containsText("Saved as version 1");

        // while casey types, dana saves another section: both changes are kept
        page.fill("#section-SUMMARY", "Casey's summary of the stampede.");
        postMortems.save("REV-1", new PostMortems.Edit(Map.of(Section.IMPACT, "Checkout slow for 20 minutes."),
                null, null), new Viewer("dana", true));
        page.click("button:has-text('Save as a new version')");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("p[role=status]")).containsText("Saved as version 3");
        assertThat(page.locator("#section-IMPACT")).hasValue("Checkout slow for 20 minutes.");
        assertThat(page.locator("#section-SUMMARY")).hasValue("Casey's summary of the stampede.");

        // dana changes the same section casey is typing in: casey's save is refused, and nothing typed is lost
        page.fill("#section-ROOT_CAUSE", "Keys expired together after the deploy.");
        postMortems.save("REV-1", new PostMortems.Edit(Map.of(Section.ROOT_CAUSE, "A TTL without jitter."), null,
                null), new Viewer("dana", true));
        page.click("button:has-text('Save as a new version')");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("[role=alert]")).containsText("dana saved version 4");
        assertThat(page.locator("[role=alert]")).containsText("Root cause");
        assertThat(page.locator("#section-ROOT_CAUSE")).hasValue("Keys expired together after the deploy.");
        assertThat(page.locator("#section-IMPACT")).hasValue("Checkout slow for 20 minutes.");
        page.click("button:has-text('Save as a new version')"); // saving again is a deliberate choice
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("p[role=status]")).containsText("Saved as version 5");
        consoleErrors.removeIf(e -> e.startsWith("409 "));

        assertThat(page.locator("button:has-text('Publish')")).hasCount(0); // nobody approved it yet
        page.fill("#review input[name=reviewers]", "rhea");
        page.click("#review button:has-text('Ask')");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("#review .reviewers")).containsText("rhea");
        assertThat(page.locator("#review .reviewers")).containsText("waiting");
        assertThat(page.locator("#review button:has-text('Approve')")).hasCount(0); // casey wrote it

        context.close();
        newContext();
        signIn("rhea");
        page.navigate(url("/incidents/REV-1/postmortem"));
        page.selectOption("#comments select[name=section]", "ROOT_CAUSE");
        page.fill("#comments textarea[name=body]", "Add the TTL jitter fix, @casey?");
        page.click("#comments button:has-text('Comment')");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("#comments .comments li")).containsText("Root cause");
        assertThat(page.locator("p[role=status]")).containsText("mentioned casey");
        page.fill("#review input[name=note]", "Reads well.");
        page.click("#review button:has-text('Approve')");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("#review .reviewers")).containsText("approved");
        shot("postmortem-review");

        context.close();
        newContext();
        signIn("casey");
        page.navigate(url("/incidents/REV-1/postmortem"));
        page.click("button:has-text('Publish')");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator(".toolbar .status")).hasText("PUBLISHED");
        assertThat(consoleErrors).isEmpty();
    }

    /** Every time a viewer reads on the incident and post-mortem pages is in their zone; UTC only on hover. */
    @Test
    void everyTimeOnTheIncidentAndPostMortemPagesIsInTheViewersZone() {
        signIn("vic");
        java.util.regex.Pattern utc = java.util.regex.Pattern
                .compile(
                        "\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?(\\.\\d+)? ?(Z|UTC)\\b|\\bTimes in (Z|UTC)\\b");
        for (String path : List.of("/incidents/LP-2014-08-12", "/incidents/LP-2014-08-12/postmortem")) {
            page.navigate(url(path));
            page.waitForLoadState(LoadState.NETWORKIDLE);
            String shown = page.locator("main").innerText();
            java.util.regex.Matcher m = utc.matcher(shown);
            assertThat(m.find()).as(path + " shows a UTC time: " + (m.find(0) ? m.group() : "")).isFalse();
            assertThat(shown).as(path).contains("EDT"); // 12 August 2014 in New York
        }
        assertThat(page.locator("a.button:has-text('DOCX')")).hasAttribute("href",
                java.util.regex.Pattern.compile("zone=America/New_York"));
    }

    @Test
    void anAdminAddsAUserAndDisablingThemEndsTheirSession() {
        signIn("ada");
        page.navigate(url("/admin/accounts"));
        page.fill("#add-user input[name=username]", "nia");
        page.selectOption("#add-user select[name=role]", "RESPONDER");
        page.fill("#add-user input[name=email]", "nia@example.org");
        page.fill("#add-user input[name=password]", PASSWORD);
        page.click("#add-user button[type=submit]");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("p[role=status]")).containsText("User nia added.");
        page.fill("#add-token input[name=name]", "nia-laptop");
        page.fill("#add-token input[name=owner]", "nia");
        page.click("#add-token button[type=submit]");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("#new-token code")).containsText("hs_");
        shot("accounts");

        BrowserContext nia = browser.newContext();
        Page niaPage = nia.newPage();
        niaPage.navigate(url("/login"));
        niaPage.fill("input[name=username]", "nia");
        niaPage.fill("input[name=password]", PASSWORD);
        niaPage.click("button[type=submit]");
        niaPage.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(niaPage.locator("a.who")).hasText("nia");

        page.click("#user-nia button:has-text('Disable')");
        page.waitForLoadState(LoadState.NETWORKIDLE);
        assertThat(page.locator("#user-nia")).containsText("disabled");
        niaPage.navigate(url("/incidents"));
        assertThat(niaPage.locator("input[name=password]")).isVisible(); // back at the sign-in form
        nia.close();
    }

    @Test
    void aMistypedSearchSaysWhyAndKeepsWhatWasTyped() {
        signIn("vic");
        for (String typed : new String[]{"packet AND", "a*"}) {
            page.navigate(url("/"));
            page.fill("form.search input[name=q]", typed);
            page.press("form.search input[name=q]", "Enter");
            page.waitForLoadState(LoadState.NETWORKIDLE);
            assertThat(page.locator("p[role=alert]")).isVisible();
            assertThat(page.locator("input[name=q]")).hasValue(typed);
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("Whitelabel");
        }
        // the only errors are the 400 answers themselves (and the browser's note of them), no script error
        org.assertj.core.api.Assertions.assertThat(consoleErrors).allSatisfy(
                e -> org.assertj.core.api.Assertions.assertThat(e).containsAnyOf("400 ", "status of 400"));
    }

    @Test
    void anUploadShowsItsProgressAndARejectedRecordSaysWhy() {
        signIn("casey");
        page.navigate(url("/ingest"));
        String jsonl = "{\"at\":\"2024-05-01T10:00:00Z\",\"title\":\"disk 91% on build-3\",\"host\":\"build-3\"}\n"
                + "{\"at\":\"2024-05-01T10:05:00Z\",\"title\":\"disk 97% on build-3\",\"host\":\"build-3\"}\n"
                + "{\"at\":\"yesterday\",\"title\":\"broken\"}\n";
        page.setInputFiles("#upload-files",
                new FilePayload("disk.jsonl", "application/x-ndjson", jsonl.getBytes(StandardCharsets.UTF_8)));
        Locator card = page.locator(".upload-card").first();
        assertThat(card.locator(".note")).containsText("DONE: 2 accepted, 0 duplicates, 1 rejected");
        assertThat(card.locator("progress")).hasAttribute("value", "100");
        assertThat(card.locator(".rejections li")).containsText("disk.jsonl");
        assertThat(card.locator(".rejections li")).containsText("yesterday");
        shot("ingest");
        page.reload();
        assertThat(page.locator("td.reason").first()).containsText("yesterday");
    }

    @Test
    void thePostMortemExportsAndTheDashboardShowsBothSamples() {
        signIn("vic");
        page.navigate(url("/incidents/LP-2014-08-12/postmortem"));
        assertThat(page.locator(".doc h2:has-text('Lessons learned')")).isVisible();
        assertThat(page.locator("aside table.list tbody tr")).hasCount(9); // the nine LastPass lessons
        assertThat(page.locator("text=Edit")).hasCount(0); // viewers read, they do not edit
        Download download = page.waitForDownload(() -> page.click("a.button:has-text('DOCX')"));
        assertThat(download.suggestedFilename()).isEqualTo("postmortem-LP-2014-08-12.docx");
        shot("postmortem");

        page.navigate(url("/dashboard"));
        page.waitForSelector("#chart-response canvas");
        page.hover("#chart-response canvas", new Page.HoverOptions().setPosition(200, 150)); // a tooltip, drawn under the CSP
        page.waitForTimeout(300);
        Locator perIncident = page.locator("section:has(#chart-response) details.numbers");
        perIncident.locator("summary").click();
        assertThat(perIncident).containsText("LP-2014-08-12");
        assertThat(perIncident).containsText("CHK-2026-03-10");
        // the trend: one point per quarter of the two samples, numbers under the chart
        page.waitForSelector("#chart-trend canvas");
        page.click("#trend-numbers summary");
        assertThat(page.locator("#trend-numbers")).containsText("2014-Q3");
        assertThat(page.locator("#trend-numbers")).containsText("2026-Q1");
        page.selectOption("#trend-period", "quarter");
        page.waitForSelector("#chart-counts canvas");
        assertThat(page.locator("section:has(h2:has-text('Incidents by cause'))")).containsText("provider network");
        assertThat(page.locator("section:has(h2:has-text('Incidents by cause'))")).containsText("deploy");
        shot("dashboard");

        page.navigate(url("/actions?overdue=true"));
        assertThat(page.locator("table.list tbody tr").first()).isVisible();
        shot("actions");
        assertThat(consoleErrors).isEmpty();

        // a commander changes an item's status from the list, and it stays changed
        context.close();
        newContext();
        signIn("casey");
        page.navigate(url("/actions"));
        Locator row = page.locator("table.list tbody tr").first();
        String rowId = row.getAttribute("id");
        row.locator("details.item-edit summary").click();
        row.locator("select[name=status]").selectOption("WONT_DO");
        row.locator("details.item-edit button[type=submit]").click();
        page.waitForLoadState(LoadState.NETWORKIDLE);
        page.reload();
        assertThat(page.locator("#" + rowId + " .status")).hasText("WONT_DO");
        assertThat(consoleErrors).isEmpty();
    }

    /** Hostile text from chat, alerts and RFOs is shown as text everywhere: no script of it runs. */
    @Test
    void hostileTextNeverRunsScript() {
        Instant t0 = Instant.parse("2023-03-03T03:00:00Z");
        incidents.create(
                new NewIncident("XSS-1", "<img src=x onerror=\"window.__xss='title'\">", t0, t0.plusSeconds(3600),
                        Severity.SEV3, null, null, false, Set.of()),
                Viewer.LOCAL_ADMIN);
        List<String> corpus = List.of("<script>window.__xss='script'</script>",
                "<img src=x onerror=\"window.__xss='img'\">",
                "<svg onload=\"window.__xss='svg'\"></svg>",
                "\"><iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
                "[click](javascript:window.__xss='md')", "</script><script>window.__xss='break'</script>",
                "<a href=\"javascript:window.__xss='href'\">x</a>", "{{7*7}} ${7*7} <style>body{display:none}</style>");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            events.add(Event.builder("slack", EventKind.CHAT_MESSAGE, t0.plusSeconds(60L * i), corpus.get(i))
                    .text(corpus.get(i))
                    .actor("<b>mallory</b>").dedupKey("xss-" + i).build());
        }
        store.append(new EventBatch(events, List.of(), "XSS-1", null, Viewer.LOCAL_ADMIN));
        postMortems.save("XSS-1",
                new PostMortems.Edit(Map.of(Section.SUMMARY, String.join("\n\n", corpus)), null, null),
                new Viewer("mallory", true));
        try {
            index.refresh();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        signIn("casey");
        for (String path : List.of("/", "/incidents/XSS-1", "/incidents/XSS-1/postmortem",
                "/search?q=script+OR+img+OR+svg", "/dashboard", "/actions")) {
            page.navigate(url(path));
            page.waitForLoadState(LoadState.NETWORKIDLE);
            if (path.equals("/incidents/XSS-1")) {
                page.locator("#entries tbody tr button.detail").first().click();
                page.waitForTimeout(500);
            }
            assertThat(page.evaluate("() => window.__xss === undefined")).as(path).isEqualTo(true);
            assertThat(page.locator("body")).isVisible();
        }
        page.navigate(url("/incidents/XSS-1"));
        assertThat(page.locator("#entries")).containsText("<script>window.__xss='script'</script>");
        shot("hostile-text");
    }
}
