package org.medialive.distributor.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.SrtSender;
import org.medialive.distributor.support.TestStream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.medialive.distributor.ui.DashboardPage.awaitLive;
import static org.medialive.distributor.ui.DashboardPage.click;
import static org.medialive.distributor.ui.DashboardPage.logIn;
import static org.medialive.distributor.ui.DashboardPage.submit;

/**
 * Issues 29 and 24 in a real browser: the channel form makes an SRT listener input (encrypted)
 * with an RTP backup input and a failover policy; an edit that leaves the masked URL alone keeps
 * the stored passphrase (a real sender with it still connects); unticking the second pipeline
 * removes it. The passphrase never appears in the API, the page or the log.
 */
class ChannelFormInputsIT {

    private static final String PASSPHRASE = "form-srt-secret-29x";
    private static final By FORM = By.cssSelector("form[data-form='channel']");

    @TempDir
    Path work;

    @Test
    void anSrtInputWithAnRtpBackupIsMadeEditedAndLosesItsBackupThroughTheForm() {
        int srtPort = Ports.freeUdp();
        int backupPort = Ports.freeUdp();
        String url = "srt://:" + srtPort + "?mode=listener&latency=200&passphrase=" + PASSPHRASE;
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "channel-form-inputs").start();
             Browser browser = Browser.start(work.resolve("profile"), "channel-form-inputs", 1280, 900)) {
            Api api = server.api();
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            awaitLive(browser);
            click(browser, browser.visible(By.cssSelector("button[data-action='new-channel']")));
            WebElement form = browser.visible(FORM);
            form.findElement(By.name("name")).sendKeys("Pair");
            form.findElement(By.name("id")).sendKeys("pair");
            new Select(form.findElement(By.name("inputType"))).selectByVisibleText("SRT");
            assertThat(form.findElement(By.name("port")).isDisplayed()).as("UDP fields hidden for SRT").isFalse();
            WebElement srt = browser.visible(By.cssSelector("form[data-form='channel'] input[name='srt']"));
            srt.sendKeys("srt://:" + srtPort + "?mode=listener&passphrase=short");
            browser.awaitText(By.cssSelector("form[data-form='channel'] .field--invalid .field__error"), "client-side passphrase check",
                    t -> t.contains("passphrase: 10 to 79 characters"));
            srt.clear();
            srt.sendKeys(url);

            click(browser, form.findElement(By.name("backup")));
            // the SRT listener's port again: only the server knows, and the form shows its reason
            WebElement backupPortField = browser.visible(By.cssSelector("form[data-form='channel'] input[name='backup-port']"));
            backupPortField.sendKeys(Integer.toString(srtPort));
            form.findElement(By.name("after")).sendKeys("500ms");
            new Select(form.findElement(By.name("revert"))).selectByValue("manual");
            assertThat(form.findElement(By.name("revertAfter")).isDisplayed()).as("'Back after' with a manual return").isFalse();
            new Select(form.findElement(By.name("revert"))).selectByValue("auto");
            form.findElement(By.name("revertAfter")).sendKeys("5s");
            submit(form);
            String refused = browser.awaitText(By.cssSelector("form[data-form='channel'] .form-error"), "server's reason",
                    t -> t.contains("backupInput must differ from input"));
            assertThat(refused).startsWith("Not saved:").doesNotContain(PASSPHRASE);
            assertThat(api.get("/api/channels/pair").status()).isEqualTo(404);
            backupPortField.clear();
            backupPortField.sendKeys(Integer.toString(backupPort));
            browser.screenshot("channel-form-srt-and-backup");
            submit(form);
            browser.await("on the new channel's page", d -> d.getCurrentUrl().endsWith("#/channel/pair"));

            JsonNode channel = api.ok("/api/channels/pair");
            assertThat(channel.path("input").path("srt").asText())
                    .isEqualTo("srt://:" + srtPort + "?mode=listener&latency=200&passphrase=***");
            assertThat(channel.path("input").path("port").isMissingNode() || channel.path("input").path("port").isNull()).isTrue();
            assertThat(channel.path("backupInput").path("port").asInt()).isEqualTo(backupPort);
            assertThat(channel.path("backupInput").path("srt").isMissingNode() || channel.path("backupInput").path("srt").isNull()).isTrue();
            assertThat(channel.path("failover").path("after").asText()).isEqualTo("500ms");
            assertThat(channel.path("failover").path("revert").asText()).isEqualTo("auto");
            assertThat(channel.path("failover").path("revertAfter").asText()).isEqualTo("5s");
            assertThat(channel.path("started").asBoolean()).isTrue();
            assertNowhereOnThePage(browser);

            // an edit that only renames: the masked URL goes back as it came and keeps the stored passphrase
            form = openEditForm(browser);
            assertThat(form.findElement(By.name("srt")).getAttribute("value")).contains("passphrase=***");
            assertThat(form.findElement(By.name("backup")).isSelected()).isTrue();
            assertThat(form.findElement(By.name("after")).getAttribute("value")).isEqualTo("500ms");
            assertNowhereOnThePage(browser);
            WebElement name = form.findElement(By.name("name"));
            name.clear();
            name.sendKeys("Pair renamed");
            submit(form);
            browser.await("edit form closed", d -> d.findElements(FORM).isEmpty());
            channel = api.ok("/api/channels/pair");
            assertThat(channel.path("name").asText()).isEqualTo("Pair renamed");
            assertThat(channel.path("input").path("srt").asText()).endsWith("passphrase=***");
            assertThat(channel.path("backupInput").path("port").asInt()).isEqualTo(backupPort);
            try (SrtSender sender = SrtSender.start(TestStream.plain(30), "srt://127.0.0.1:" + srtPort
                    + "?mode=caller&latency=200&passphrase=" + PASSPHRASE, TestStream.BITRATE, work.resolve("sender.log"))) {
                await("a sender with the stored passphrase connects").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> api.ok("/api/channels/pair").path("status").path("srt").path("state").asText(), "connected"::equals);
            }

            // unticking the second pipeline removes it, and its failover policy with it
            form = openEditForm(browser);
            click(browser, form.findElement(By.name("backup")));
            assertThat(form.findElement(By.name("backup-port")).isDisplayed()).isFalse();
            submit(form);
            browser.await("edit form closed", d -> d.findElements(FORM).isEmpty());
            channel = api.ok("/api/channels/pair");
            assertThat(channel.has("backupInput")).as(channel.toString()).isFalse();
            assertThat(channel.has("failover")).as(channel.toString()).isFalse();
            assertThat(channel.path("input").path("srt").asText()).endsWith("passphrase=***");
            browser.await("inputs table gone", d -> !d.findElement(By.cssSelector("[aria-labelledby='redundancy-title']")).isDisplayed());
            assertNowhereOnThePage(browser);
            assertThat(api.get("/api/channels").body()).doesNotContain(PASSPHRASE);
            assertThat(server.logText()).doesNotContain(PASSPHRASE);
        }
    }

    private static WebElement openEditForm(Browser browser) {
        click(browser, browser.visible(By.cssSelector("button[data-action='edit-channel']")));
        return browser.visible(FORM);
    }

    /** Neither in the markup nor in any field's current value (which the markup does not show). */
    private static void assertNowhereOnThePage(Browser browser) {
        assertThat(browser.driver().getPageSource()).doesNotContain(PASSPHRASE);
        Object values = browser.script("return [...document.querySelectorAll('input')].map(i => i.value).join(' ')");
        assertThat((String) values).doesNotContain(PASSPHRASE);
    }
}
