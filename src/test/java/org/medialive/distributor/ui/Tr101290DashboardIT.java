package org.medialive.distributor.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medialive.distributor.ui.DashboardPage.awaitLive;
import static org.medialive.distributor.ui.DashboardPage.logIn;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.RtpDatagrams;
import org.medialive.distributor.support.TestStream;
import org.openqa.selenium.By;

/**
 * The channel page in a real browser while the test stream arrives with the transport error bit
 * set on 3 null packets and one sync loss: the TR 101 290 table counts them live, the sync loss
 * raises the channel's alert, and the PID table shows video frames at 25 fps and audio frames arriving.
 */
class Tr101290DashboardIT {

    @TempDir
    Path work;

    @Test
    void theChannelPageShowsTheIndicatorsAndTheFrames() throws Exception {
        int port = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "tr101290-dashboard").start();
             Browser browser = Browser.start(work.resolve("profile"), "tr101290-dashboard", 1280, 1400)) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"tr\",\"input\":{\"port\":" + port + ",\"sourceAddress\":[\"127.0.0.0/8\"]},\"started\":true}").status())
                    .isEqualTo(201);
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            browser.open(server.baseUrl() + "/#/channel/tr");
            awaitLive(browser);
            assertThat(browser.driver().findElements(By.cssSelector("[data-section='tr101290'] tbody tr"))).hasSize(11);

            List<byte[]> datagrams = RtpDatagrams.of(TestStream.bytes(TestStream.plain(60)), Integer.MAX_VALUE);
            int marked = 0;
            for (int i = 1000; marked < 3; i++) {
                byte[] d = datagrams.get(i);
                for (int at = 12; at < d.length && marked < 3; at += 188) {
                    if ((d[at + 1] & 0x1F) == 0x1F && d[at + 2] == (byte) 0xFF) {
                        d[at + 1] |= (byte) 0x80;
                        marked++;
                    }
                }
            }
            datagrams.get(1500)[12 + 2 * 188] = 0; // two packets without sync byte: a sync loss
            datagrams.get(1500)[12 + 3 * 188] = 0;
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    RtpDatagrams.send(datagrams, port);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });

            browser.awaitText(By.cssSelector("[data-frames='481']"), "video frame rate", "25 fps"::equals);
            browser.awaitText(By.cssSelector("[data-frames='482']"), "audio frames", "arriving"::equals);
            browser.awaitText(By.cssSelector("[data-section='tr101290'] tr[data-key='transport_error'] td[data-label='Count']"),
                    "transport errors counted", "3"::equals);
            String row = browser.driver().findElement(By.cssSelector("[data-section='tr101290'] tr[data-key='transport_error']")).getText();
            assertThat(row).contains("Transport error").contains("2.1").contains("ago");
            assertThat(browser.driver().findElement(By.cssSelector("[data-section='tr101290'] tr[data-key='pat_error'] td[data-label='Last']")).getText())
                    .isEqualTo("never");
            browser.awaitText(By.cssSelector(".alerts--row"), "priority 1 alert", t -> t.contains("TR 101 290 priority 1: ts sync loss"));
            browser.awaitText(By.cssSelector("[data-section='tr101290'] tr[data-key='ts_sync_loss'] td[data-label='Count']"),
                    "sync loss counted", "1"::equals);
            browser.screenshot("tr101290-channel");
            sending.join();
        }
    }
}
