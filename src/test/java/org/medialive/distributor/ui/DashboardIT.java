package org.medialive.distributor.ui;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.FileOnlyKind;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtReceiver;
import org.medialive.distributor.support.TestStream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medialive.distributor.ui.DashboardPage.RECORD_CHANGES;
import static org.medialive.distributor.ui.DashboardPage.activeAttribute;
import static org.medialive.distributor.ui.DashboardPage.assertEveryChangeCarriedTheCsrfToken;
import static org.medialive.distributor.ui.DashboardPage.assertUnlabelledInputsNone;
import static org.medialive.distributor.ui.DashboardPage.awaitLive;
import static org.medialive.distributor.ui.DashboardPage.badge;
import static org.medialive.distributor.ui.DashboardPage.click;
import static org.medialive.distributor.ui.DashboardPage.logIn;
import static org.medialive.distributor.ui.DashboardPage.looksRightOnAPhone;
import static org.medialive.distributor.ui.DashboardPage.outputForm;
import static org.medialive.distributor.ui.DashboardPage.row;
import static org.medialive.distributor.ui.DashboardPage.sparkline;
import static org.medialive.distributor.ui.DashboardPage.sparklinePoints;
import static org.medialive.distributor.ui.DashboardPage.submit;

/**
 * The operator's dashboard in a real browser (Debian's headless chromium) against the packaged
 * server with a live RTP stream carrying SCTE-35: everything is done by clicking and typing,
 * and checked both on the page and through the API. Screenshots go to target/screenshots.
 */
class DashboardIT {

    private static final String SECRET = "dashboard-secret-1";
    private static final int STREAM_SECONDS = 60;
    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;
    static Path stream;

    @BeforeAll
    static void startServer() throws IOException {
        stream = TestStream.withCues(STREAM_SECONDS);
        // a kind made of files only beside the built-in ones: the output form must offer it by itself
        Path routes = FileOnlyKind.writeTo(work.resolve("routes"));
        server = new DistributorServer(work.resolve("data"), "dashboard", "--distributor.routes-dir=" + routes).start();
        api = server.api();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void operatorRunsAChannelFromCreationToDeletion() throws IOException {
        int input = Ports.freeUdp();
        int srtPort = Ports.freeUdp();
        try (SrtReceiver receiver = SrtReceiver.listen(srtPort, work.resolve("cdn-a.ts"), "&latency=120&passphrase=" + SECRET);
             Browser browser = Browser.start(work.resolve("profile-1"), "dashboard", 1280, 900)) {
            browser.addInitScript(RECORD_CHANGES);
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            awaitLive(browser);
            browser.screenshot("overview");

            createChannelWithTheKeyboardOnly(browser, input);
            browser.awaitText(By.tagName("h1"), "channel page heading", "Evening News"::equals);
            assertThat(browser.driver().getCurrentUrl()).endsWith("#/channel/evening");
            assertThat(api.ok("/api/channels/evening").path("input").path("port").asInt()).isEqualTo(input);
            assertThat(badge(browser, By.cssSelector(".page__head")).getText()).contains("waiting");
            browser.screenshot("channel-created-no-signal");

            try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0xd1a1)
                    .start(new FileInputStream(stream.toFile()))) {
                browser.await("channel receiving", d -> "receiving".equals(
                        badge(browser, By.cssSelector(".page__head")).getAttribute("data-state")));
                assertThat(browser.driver().findElement(By.cssSelector("[data-stat='address']")).getText())
                        .isEqualTo("0.0.0.0:" + input);
                browser.awaitText(By.cssSelector(".programs caption"), "program from the PMT", t -> t.contains("PMT PID 480"));
                assertThat(browser.driver().findElement(By.cssSelector(".programs tbody")).getText())
                        .contains("H.264", "AAC", "SCTE-35");

                showsTypingMistakesAtOnceAndTheServersOwnMessage(browser, srtPort);
                addSrtOutputAndSeeItRunWithAMovingBitrate(browser, srtPort);
                seeACueInTheLog(browser);
                looksRightOnAPhone(browser, "phone-channel");

                editRestartStopAndStartTheOutput(browser, srtPort);
                stopAndRemoveTheOutput(browser);
                assertThat(receiver.bytesReceived()).as("the SRT receiver got the stream").isGreaterThan(TestStream.BITRATE / 8);
            }
            deleteTheChannel(browser);
            assertEveryChangeCarriedTheCsrfToken(browser);
        }
        assertThat(server.errorsInLog()).isEmpty();
    }

    @Test
    void pageRecoversByItselfWhenTheServerRestarts() throws IOException {
        int input = Ports.freeUdp();
        Api.Response created = api.post("/api/channels", "{\"id\":\"sport\",\"name\":\"Sport\",\"input\":{\"port\":" + input + "},\"started\":true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", input), TestStream.BITRATE, 0x5b0a)
                .start(new FileInputStream(stream.toFile()));
             Browser browser = Browser.start(work.resolve("profile-2"), "restart", 1280, 900)) {
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            browser.open(server.baseUrl() + "/#/channel/sport");
            awaitLive(browser);
            browser.await("sport receiving", d -> "receiving".equals(
                    badge(browser, By.cssSelector(".page__head")).getAttribute("data-state")));
            // a full page reload would drop this: recovery must happen in the same document
            browser.script("window.sameDocument = 'yes'");
            // the channel must stay on the page throughout, even while the restarted server restores it
            browser.script("setInterval(() => { if (document.querySelector('.page__head .state[hidden]')) window.vanished = true; }, 50)");
            browser.await("a few seconds of chart", d -> sparklinePoints(browser) >= 3);
            int pointsBefore = sparklinePoints(browser);

            server.stop();
            WebElement banner = browser.visible(By.id("banner"));
            assertThat(banner.getText()).contains("Connection lost, reconnecting");
            assertThat(browser.driver().findElement(By.id("connection")).getAttribute("data-state")).isEqualTo("lost");
            browser.screenshot("connection-lost");

            server.start();
            browser.await("banner gone after the restart", Duration.ofSeconds(30),
                    d -> !d.findElement(By.id("banner")).isDisplayed());
            awaitLive(browser);
            String frozen = sparkline(browser);
            browser.await("figures live again (the chart moves)", d -> !sparkline(browser).equals(frozen));
            browser.await("sport receiving again", d -> "receiving".equals(
                    badge(browser, By.cssSelector(".page__head")).getAttribute("data-state")));
            assertThat(browser.script("return window.sameDocument")).isEqualTo("yes");
            assertThat(browser.script("return window.vanished === true")).as("channel vanished during the restart").isEqualTo(false);
            assertThat(sparklinePoints(browser)).as("the chart goes on from before the restart").isGreaterThan(pointsBefore);
            assertThat(sparkline(browser).split("M", -1).length - 1).as("line pieces: the outage shows as a gap").isEqualTo(2);
            browser.screenshot("recovered");

            browser.open(server.baseUrl() + "/");
            awaitLive(browser);
            browser.visible(By.cssSelector("tr[data-key='sport']"));
            browser.screenshot("overview-1280");
            looksRightOnAPhone(browser, "phone-overview");
        }
        assertThat(api.delete("/api/channels/sport").status()).isEqualTo(204);
    }

    @Test
    void aViewerSeesNoWayToChangeAndAnEndedSessionGoesToTheLoginPage() {
        Api.Response created = api.post("/api/channels", "{\"id\":\"lobby\",\"input\":{\"port\":" + Ports.freeUdp() + "}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response viewer = api.post("/api/users", "{\"username\":\"vera\",\"password\":\"vera-viewer-pw\",\"role\":\"viewer\"}");
        assertThat(viewer.status()).as(viewer.body()).isEqualTo(201);
        try (Browser browser = Browser.start(work.resolve("profile-3"), "viewer", 1280, 900)) {
            logIn(browser, server.baseUrl(), "vera", "vera-viewer-pw");
            awaitLive(browser);
            browser.awaitText(By.id("user"), "who is signed in", "Signed in as vera (view only)"::equals);
            browser.visible(By.cssSelector("tr[data-key='lobby']"));
            // single-node mode (issue 27): no owner column, no cluster line in the header
            browser.await("the server's mode known", d -> "single-node".equals(d.findElement(By.id("cluster")).getAttribute("data-mode")));
            assertThat(browser.driver().findElements(By.cssSelector("th[data-column='owner'], td[data-label='Owner']"))).as("owner column").isEmpty();
            assertThat(browser.driver().findElement(By.id("cluster")).isDisplayed()).as("cluster line in the header").isFalse();
            // the list/grid toggle only changes what this browser shows, so a viewer has it too
            assertThat(browser.driver().findElements(By.cssSelector("main button[data-layout]"))).as("layout toggles").hasSize(2);
            assertThat(browser.driver().findElements(By.cssSelector("main button:not([data-layout])"))).as("buttons on the overview").isEmpty();

            browser.open(server.baseUrl() + "/#/channel/lobby");
            awaitLive(browser);
            browser.visible(By.cssSelector(".page__head .state"));
            assertThat(browser.driver().findElements(By.cssSelector("main button, main form"))).as("controls on the channel page").isEmpty();
            browser.screenshot("viewer-channel");

            // the session ends on the server's side (as after a crash): the next call the page makes goes to the login page
            browser.driver().manage().deleteCookieNamed("JSESSIONID");
            browser.script("location.hash = '#/'; setTimeout(() => location.hash = '#/channel/lobby', 100)");
            browser.await("sent to the login page", d -> d.getCurrentUrl().endsWith("/login"));
        }
        try (Browser browser = Browser.start(work.resolve("profile-4"), "logout", 1280, 900)) {
            logIn(browser, server.baseUrl(), "vera", "vera-viewer-pw");
            browser.visible(By.id("logout")).click();
            browser.await("logged out", d -> d.getCurrentUrl().endsWith("/login?logout"));
            browser.open(server.baseUrl() + "/");
            browser.await("the old session is gone", d -> d.getCurrentUrl().endsWith("/login"));
        }
        assertThat(api.delete("/api/channels/lobby").status()).isEqualTo(204);
        assertThat(api.delete("/api/users/vera").status()).isEqualTo(204);
    }

    /**
     * The checks made while typing must never refuse a URL the server accepts (an operator
     * could not save it), and should catch the usual slips before anything is sent.
     */
    @Test
    void typingChecksNeverRefuseWhatTheServerAccepts() {
        Api.Response created = api.post("/api/channels", "{\"id\":\"checks\",\"input\":{\"port\":" + Ports.freeUdp() + "}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        List<String> urls = List.of(
                "srt://127.0.0.1:9000", "SRT://127.0.0.1:9001?mode=caller&latency=200", "srt://:9002?mode=listener",
                "srt://cdn.example.com:9003?passphrase=abcdefghij&pbkeylen=16&streamid=#!::r=live",
                "srt://[2001:db8::1]:9004?latency=8000", "rtmp://a.rtmp.example.com/live/KEY-1",
                "rtmps://a.example.com:443/live/sub/KEY_2", "rtmp://user:pw@127.0.0.1:1935/app/key",
                "http://127.0.0.1:9000", "srt://127.0.0.1", "srt://127.0.0.1:80", "srt://127.0.0.1:9000?latency=5",
                "srt://127.0.0.1:9000?passphrase=short", "srt://127.0.0.1:9000/path", "srt://127.0.0.1:9000?pbkeylen=16",
                "srt://127.0.0.1:9000?mode=rendezvous", "srt://a b:9000", "srt://127.0.0.1:9000?latency",
                "rtmp://host/app", "rtmp://host", "rtmp://bad_host/app/key", "srt://127.0.0.1:9000?foo=1");
        try (Browser browser = Browser.start(work.resolve("profile-5"), "checks", 1280, 900)) {
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            int caught = 0;
            for (int i = 0; i < urls.size(); i++) {
                String url = urls.get(i);
                Object client = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "import('/validate.js').then(v => done(v.checkUrl(arguments[0]))).catch(e => done('module: ' + e));", url);
                Api.Response server = api.post("/api/channels/checks/outputs",
                        "{\"id\":\"o" + i + "\",\"url\":\"" + url.replace("\"", "\\\"") + "\"}");
                if (server.status() == 201) {
                    assertThat(client).as("client check of " + url + ", which the server accepts").isNull();
                } else {
                    assertThat(server.status()).as(url + ": " + server.body()).isEqualTo(400);
                    caught += client != null ? 1 : 0;
                }
            }
            assertThat(caught).as("slips caught while typing (all but the unknown option)").isEqualTo(13);
        }
        assertThat(api.delete("/api/channels/checks").status()).isEqualTo(204);
    }

    /** The form's kinds, their parts and their secrets come from GET /api/output-kinds: a kind made of files only is offered too. */
    @Test
    void theOutputFormOffersEveryLoadedKindWithItsPartsAndSecrets() {
        Api.Response created = api.post("/api/channels", "{\"id\":\"kinds\",\"input\":{\"port\":" + Ports.freeUdp() + "}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int port = Ports.freeUdp();
        try (Browser browser = Browser.start(work.resolve("profile-kinds"), "kinds", 1280, 900)) {
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            browser.open(server.baseUrl() + "/#/channel/kinds");
            WebElement form = outputForm(browser);
            By options = By.cssSelector("form[data-form='output'] select[name='kind'] option");
            browser.await("the kinds from the API", d -> d.findElements(options).size() == 5);
            assertThat(browser.driver().findElements(options)).extracting(WebElement::getText)
                    .containsExactly("SRT", "RTMP", "RTMPS", "UDP", FileOnlyKind.TITLE);
            By help = By.cssSelector("form[data-form='output'] [data-kind-help]");
            assertThat(browser.driver().findElements(By.cssSelector("form[data-form='output'] [data-kind-help] li[data-secret='true']")))
                    .extracting(e -> e.getAttribute("data-property")).as("SRT's secrets, from its definition")
                    .containsExactly("passphrase", "streamid");

            new Select(form.findElement(By.name("kind"))).selectByVisibleText(FileOnlyKind.TITLE);
            browser.awaitText(help, "the file-only kind's parts", t -> t.contains("Host") && t.contains("Port"));
            WebElement url = form.findElement(By.name("url"));
            assertThat(url.getAttribute("value")).as("choosing a kind starts the URL").isEqualTo(FileOnlyKind.SCHEME + "://");
            assertThat(url.getAttribute("placeholder")).as("the definition's example").isEqualTo("relay2://HOST:PORT");
            url.sendKeys("127.0.0.1:" + port + "?x=1");
            browser.awaitText(By.cssSelector("form[data-form='output'] .field--invalid .field__error"), "host-port check while typing",
                    t -> t.contains("relay2://HOST:PORT, with no path, user or options"));
            url.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE);
            browser.await("URL error cleared", d -> d.findElements(By.cssSelector("form[data-form='output'] .field--invalid")).isEmpty());
            form.findElement(By.name("id")).sendKeys("second");
            submit(form);
            browser.await("output added", Duration.ofSeconds(15),
                    d -> !d.findElements(By.cssSelector("table.table--outputs tr[data-key='second']")).isEmpty());
            assertThat(api.ok("/api/channels/kinds/outputs/second").path("protocol").asText()).isEqualTo(FileOnlyKind.SCHEME);
            browser.screenshot("file-only-kind-in-form");
        }
        assertThat(api.delete("/api/channels/kinds").status()).isEqualTo(204);
    }

    /** Tab to "New channel", Enter, type, Tab, type, Tab, Tab, type, Enter: no mouse. */
    private static void createChannelWithTheKeyboardOnly(Browser browser, int port) {
        WebDriver driver = browser.driver();
        Actions keys = new Actions(driver);
        for (int i = 0; i < 20 && !"new-channel".equals(activeAttribute(browser, "data-action")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(activeAttribute(browser, "data-action")).as("New channel reachable with Tab").isEqualTo("new-channel");
        keys.sendKeys(Keys.ENTER).perform();
        browser.await("focus in the name field", d -> "name".equals(activeAttribute(browser, "name")));
        keys.sendKeys("Evening News").sendKeys(Keys.TAB).sendKeys("evening").sendKeys(Keys.TAB).perform();
        // the input type comes next and stays at RTP/UDP
        assertThat(activeAttribute(browser, "name")).isEqualTo("inputType");
        keys.sendKeys(Keys.TAB).perform();
        assertThat(activeAttribute(browser, "name")).isEqualTo("port");
        keys.sendKeys("80").perform();
        // typed so far: "80", below 1024: the form says so before anything is sent
        browser.awaitText(By.cssSelector("form[aria-labelledby='new-channel-title'] .field--invalid .field__error"),
                "port error while typing", t -> t.contains("between 1024 and 65535"));
        keys.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE).sendKeys(Integer.toString(port)).perform();
        browser.await("port error gone", d -> d.findElements(By.cssSelector(".field--invalid")).isEmpty());
        assertUnlabelledInputsNone(browser);
        browser.screenshot("new-channel-form");
        keys.sendKeys(Keys.ENTER).perform();
    }

    private static void showsTypingMistakesAtOnceAndTheServersOwnMessage(Browser browser, int srtPort) {
        WebElement url = outputForm(browser).findElement(By.name("url"));
        url.sendKeys("http://127.0.0.1:" + srtPort);
        browser.awaitText(By.cssSelector("form[data-form='output'] .field--invalid .field__error"), "client-side URL check",
                t -> t.contains("Start with srt://, rtmp://, rtmps://, udp:// or relay2://")); // this server also runs a file-only kind
        assertThat(url.getAttribute("aria-invalid")).isEqualTo("true");

        // a misspelt option passes the quick checks; the server's own message must be shown
        String typo = "srt://127.0.0.1:" + srtPort + "?mode=caller&lantecy=200";
        String expected = api.post("/api/channels/evening/outputs", "{\"url\":\"" + typo + "\"}").error();
        assertThat(expected).contains("lantecy");
        url.clear();
        url.sendKeys(typo);
        browser.await("URL error cleared", d -> d.findElements(By.cssSelector("form[data-form='output'] .field--invalid")).isEmpty());
        submit(outputForm(browser));
        String shown = browser.awaitText(By.cssSelector("form[data-form='output'] .form-error"), "server's message",
                t -> t.contains(expected));
        assertThat(shown).startsWith("Not saved:");
        assertThat(api.ok("/api/channels/evening/outputs").size()).as("nothing was added").isZero();
        browser.screenshot("server-refuses-bad-url");
    }

    private static void addSrtOutputAndSeeItRunWithAMovingBitrate(Browser browser, int srtPort) {
        WebElement form = outputForm(browser);
        form.findElement(By.name("name")).sendKeys("CDN A");
        form.findElement(By.name("id")).sendKeys("cdn-a");
        WebElement url = form.findElement(By.name("url"));
        url.clear();
        url.sendKeys("srt://127.0.0.1:" + srtPort + "?mode=caller&latency=120&passphrase=" + SECRET);
        assertThat(form.findElement(By.name("audio")).isDisplayed()).as("audio track choice is for RTMP only").isFalse();
        submit(form);

        By row = By.cssSelector("table.table--outputs tr[data-key='cdn-a']");
        browser.await("output cdn-a running", Duration.ofSeconds(30), d -> "running".equals(badge(browser, row).getAttribute("data-state")));
        WebElement outputRow = browser.driver().findElement(row);
        assertThat(badge(browser, row).getText()).isEqualTo("running");
        assertThat(badge(browser, row).findElements(By.tagName("svg"))).as("state has a shape besides its colour").hasSize(1);
        assertThat(outputRow.findElement(By.cssSelector("td[data-label='Protocol']")).getText()).isEqualTo("SRT");
        assertThat(outputRow.findElement(By.cssSelector("td[data-label='Destination']")).getText())
                .isEqualTo("srt://127.0.0.1:" + srtPort + "?mode=caller&latency=120&passphrase=***");
        assertThat(form.findElement(By.name("url")).getAttribute("value")).as("the form forgets what was typed").isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(SECRET);

        Set<String> seen = new HashSet<>();
        browser.await("output bitrate moving", d -> {
            String text = row(browser, row, "Bitrate");
            if (text.endsWith("Mbit/s")) {
                seen.add(text);
            }
            return seen.size() >= 2 && sparklinePoints(browser) >= 3;
        });
        browser.awaitText(By.cssSelector("table.table--outputs tr[data-key='cdn-a'] td[data-label='SRT link']"), "SRT link stats",
                t -> t.matches("RTT \\d+\\.\\d ms\\n\\d+ retransmitted\\n\\d+ lost"));
        browser.awaitText(By.cssSelector(".events"), "state change in the event log", t -> t.contains("Output cdn-a: starting → running"));
        browser.fullPageScreenshot("output-running-1280");
    }

    private static void seeACueInTheLog(Browser browser) {
        browser.await("a cue in the log", Duration.ofSeconds(20),
                d -> !d.findElements(By.cssSelector("table.table--cues tbody tr")).isEmpty());
        WebElement newest = browser.driver().findElement(By.cssSelector("table.table--cues tbody tr"));
        assertThat(newest.getText()).contains("splice_insert", "out (to ad break)", "30 s, auto-return", "500", "valid");
        String eventId = newest.findElement(By.cssSelector("td[data-label='Event']")).getText();
        assertThat(api.ok("/api/channels/evening/cues").findValuesAsText("eventId")).as("cue log from the API").contains(eventId);
        browser.awaitText(By.cssSelector("table.table--outputs tr[data-key='cdn-a'] td[data-label='Cues']"), "cue forwarded",
                t -> t.matches("[1-9]\\d* of [1-9]\\d* forwarded"));
        browser.script("document.querySelector('#cues-title').scrollIntoView()");
        browser.screenshot("cue-log");
    }

    /**
     * Edit keeps the stored passphrase behind ***: the receiver demands it, so the output can
     * only run again if the server kept it. Restart, stop and start from the row's buttons.
     */
    private static void editRestartStopAndStartTheOutput(Browser browser, int srtPort) {
        By row = By.cssSelector("table.table--outputs tr[data-key='cdn-a']");
        click(browser, browser.driver().findElement(row).findElement(By.cssSelector("button[data-action='edit']")));
        WebElement form = outputForm(browser);
        browser.awaitText(By.cssSelector("form[data-form='output'] h3"), "edit mode", "Edit output CDN A"::equals);
        WebElement url = form.findElement(By.name("url"));
        String masked = "srt://127.0.0.1:" + srtPort + "?mode=caller&latency=120&passphrase=***";
        assertThat(url.getAttribute("value")).isEqualTo(masked);
        assertThat(form.findElement(By.name("id")).getAttribute("readonly")).isNotNull();
        WebElement name = form.findElement(By.name("name"));
        name.clear();
        name.sendKeys("CDN A main");
        url.clear();
        url.sendKeys(masked.replace("latency=120", "latency=200"));
        browser.screenshot("edit-output");
        submit(form);
        browser.awaitText(row, "renamed row", t -> t.contains("CDN A main"));
        assertThat(api.ok("/api/channels/evening/outputs/cdn-a").path("url").asText()).isEqualTo(masked.replace("latency=120", "latency=200"));
        awaitRunningAgain(browser, 2);
        browser.awaitText(By.cssSelector("form[data-form='output'] h3"), "form back to adding", "Add output"::equals);

        click(browser, browser.driver().findElement(row).findElement(By.cssSelector("button[data-action='restart']")));
        awaitRunningAgain(browser, 3);

        click(browser, browser.driver().findElement(row).findElement(By.cssSelector("button[data-action='stop']")));
        browser.await("output stopped", d -> "stopped".equals(badge(browser, row).getAttribute("data-state")));
        assertThat(api.ok("/api/channels/evening/outputs/cdn-a").path("enabled").asBoolean()).isFalse();
        assertThat(browser.driver().findElement(row).findElement(By.cssSelector("button[data-action='restart']")).isEnabled())
                .as("restart is for running outputs").isFalse();
        click(browser, browser.driver().findElement(row).findElement(By.cssSelector("button[data-action='start']")));
        awaitRunningAgain(browser, 4);
    }

    /** Waits for the n-th "starting → running" of cdn-a in the event log and the row in state running. */
    private static void awaitRunningAgain(Browser browser, int times) {
        By row = By.cssSelector("table.table--outputs tr[data-key='cdn-a']");
        browser.await("cdn-a running for the " + times + ". time", Duration.ofSeconds(30), d -> {
            String events = d.findElement(By.cssSelector(".events")).getText();
            return events.split("Output cdn-a: starting → running", -1).length - 1 >= times
                    && "running".equals(badge(browser, row).getAttribute("data-state"));
        });
    }

    private static void stopAndRemoveTheOutput(Browser browser) {
        By row = By.cssSelector("table.table--outputs tr[data-key='cdn-a']");
        click(browser, browser.driver().findElement(row).findElement(By.cssSelector("button[data-action='stop']")));
        browser.await("output stopped", d -> "stopped".equals(badge(browser, row).getAttribute("data-state")));
        assertThat(api.ok("/api/channels/evening/outputs/cdn-a").path("enabled").asBoolean()).isFalse();

        click(browser, browser.driver().findElement(row).findElement(By.cssSelector("button[data-action='remove']")));
        WebElement dialog = browser.visible(By.cssSelector("dialog[open]"));
        assertThat(dialog.getText()).contains("Remove output CDN A main?");
        assertThat(activeAttribute(browser, "data-action")).as("the safe choice has focus").isEqualTo("cancel");
        browser.screenshot("confirm-remove-output");
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        browser.await("dialog closed by Escape", d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertThat(api.ok("/api/channels/evening/outputs").size()).as("Escape removes nothing").isEqualTo(1);

        click(browser, browser.driver().findElement(row).findElement(By.cssSelector("button[data-action='remove']")));
        browser.visible(By.cssSelector("dialog[open] button[data-action='confirm']")).click();
        browser.await("output row gone", d -> d.findElements(row).isEmpty());
        assertThat(api.ok("/api/channels/evening/outputs").size()).isZero();
        browser.screenshot("output-removed");
    }

    private static void deleteTheChannel(Browser browser) {
        click(browser, browser.driver().findElement(By.cssSelector(".page__head button[data-action='delete']")));
        browser.visible(By.cssSelector("dialog[open] button[data-action='confirm']")).click();
        browser.await("back on the overview", d -> d.getCurrentUrl().endsWith("#/"));
        browser.visible(By.cssSelector(".page__summary"));
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-key='evening']"))).as("row of the deleted channel").isEmpty();
        assertThat(api.get("/api/channels/evening").status()).isEqualTo(404);
        browser.screenshot("channel-deleted");
    }
}
