package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server tells whether other local users can read its children's command lines (secrets
 * included) in its log, its health details and on the dashboard. What it should say is found
 * independently, with findmnt, from the /proc of init's mount namespace.
 */
class ProcessVisibilityIT {

    @TempDir
    Path work;

    private static boolean procHidesProcesses() throws Exception {
        Process findmnt = new ProcessBuilder("findmnt", "--task", "1", "-no", "FS-OPTIONS", "/proc").redirectErrorStream(true).start();
        String options = new String(findmnt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(findmnt.waitFor()).as(options).isZero();
        return options.matches(".*hidepid=(1|2|4|noaccess|invisible|ptraceable).*");
    }

    @Test
    void theWarningIsInTheLogTheHealthAndOnTheDashboard() throws Exception {
        boolean hidden = procHidesProcesses();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "process-visibility").start();
             Browser browser = Browser.start(work.resolve("profile"), "process-visibility", 1280, 900)) {
            JsonNode health = server.api().ok("/actuator/health/processVisibility");
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("details").path("commandLinesVisibleToOtherUsers").asBoolean()).isEqualTo(!hidden);

            browser.open(server.baseUrl() + "/");
            browser.await("sent to the login page", d -> d.getCurrentUrl().endsWith("/login"));
            browser.visible(By.id("username")).sendKeys("admin");
            browser.driver().findElement(By.id("password")).sendKeys(DistributorServer.ADMIN_PASSWORD);
            browser.driver().findElement(By.cssSelector("button[type='submit']")).click();
            browser.awaitText(By.id("user"), "who is signed in", t -> t.startsWith("Signed in as admin"));
            if (hidden) {
                assertThat(server.logText()).contains("Output command lines are hidden from other users");
                assertThat(health.path("details").has("warning")).isFalse();
                assertThat(browser.driver().findElements(By.id("server-warning"))).isEmpty();
            } else {
                assertThat(server.logText().lines()).anyMatch(line -> line.contains(" WARN ") && line.contains("Secrets visible")
                        && line.contains("hidepid"));
                assertThat(health.path("details").path("warning").asText()).contains("hidepid=invisible");
                String banner = browser.awaitText(By.id("server-warning"), "the security banner", text -> text.contains("hidepid"));
                assertThat(banner).startsWith("!").contains("SRT passphrases and RTMP stream keys");
                browser.screenshot("process-visibility-banner");
            }
        }
    }
}
