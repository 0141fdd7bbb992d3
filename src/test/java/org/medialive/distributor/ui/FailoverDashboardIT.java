package org.medialive.distributor.ui;

import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medialive.distributor.ui.DashboardPage.awaitLive;
import static org.medialive.distributor.ui.DashboardPage.logIn;

/**
 * Issue 24 in a real browser: a channel with a backupInput shows which input feeds the outputs and
 * whether each could take over; an operator switches with the button, and the switch appears in
 * the event log with its reason.
 */
class FailoverDashboardIT {

    @TempDir
    Path work;

    @Test
    void anOperatorSeesBothInputsAndSwitches() throws Exception {
        Path stream = TestStream.plain(60);
        int portA = Ports.freeUdp();
        int portB = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "failover-dashboard").start();
             Browser browser = Browser.start(work.resolve("profile"), "failover-dashboard", 1280, 900);
             RtpPacer a = new RtpPacer(new InetSocketAddress("127.0.0.1", portA), TestStream.BITRATE, 0xA);
             RtpPacer b = new RtpPacer(new InetSocketAddress("127.0.0.1", portB), TestStream.BITRATE, 0xB)) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"pair\",\"input\":{\"port\":" + portA + ",\"sourceAddress\":\"127.0.0.1\"},"
                    + "\"backupInput\":{\"port\":" + portB + ",\"sourceAddress\":\"127.0.0.1\"},\"started\":true}").status()).isEqualTo(201);
            a.start(new FileInputStream(stream.toFile()));
            b.start(new FileInputStream(stream.toFile()));
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            browser.open(server.baseUrl() + "/#/channel/pair");
            awaitLive(browser);
            browser.awaitText(By.cssSelector("[data-stat='activeInput']"), "active input", "primary input"::equals);
            String[] shown = {""};
            try {
                browser.awaitText(By.cssSelector("[aria-labelledby='redundancy-title'] tbody"), "both inputs fit", t -> {
                    shown[0] = t;
                    String text = t.toLowerCase(java.util.Locale.ROOT); // row headers are styled upper case
                    return text.contains("primary (active)") && text.contains("backup") && !text.contains("no:")
                            && text.indexOf("yes") != text.lastIndexOf("yes");
                });
            } catch (RuntimeException e) {
                throw new AssertionError("the inputs table showed: " + shown[0], e);
            }

            browser.visible(By.cssSelector("button[data-action='switch-input']")).click();
            browser.visible(By.cssSelector("dialog[open] button[data-action='confirm']")).click();
            browser.awaitText(By.cssSelector("[data-stat='activeInput']"), "active input", "backup input"::equals);
            browser.awaitText(By.cssSelector(".events"), "switch in the event log",
                    t -> t.contains("Input switched: primary → backup (switched by an operator)"));
            browser.awaitText(By.cssSelector("[data-stat='lastSwitch']"), "last switch", t -> t.contains("by admin"));
            assertThat(browser.visible(By.cssSelector("button[data-action='switch-input']")).getText()).isEqualTo("Switch to primary");
            browser.screenshot("failover-channel");
            assertThat(api.ok("/api/channels/pair").path("failover").path("activeInput").asText()).isEqualTo("backup");
        }
    }
}
