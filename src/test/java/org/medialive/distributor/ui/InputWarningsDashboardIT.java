package org.medialive.distributor.ui;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medialive.distributor.ui.DashboardPage.awaitLive;
import static org.medialive.distributor.ui.DashboardPage.logIn;

/**
 * What the dashboard shows of an input's setup and sender in a real browser: the warnings of a
 * channel without source filter and of a receive buffer the kernel capped (overview and channel
 * page), the new input figures, and a sender restart in the channel's event log as it happens.
 */
class InputWarningsDashboardIT {

    @TempDir
    Path work;

    @Test
    void warningsFiguresAndASenderRestartAreShown() throws Exception {
        int port = Ports.freeUdp();
        // more than any test machine's net.core.rmem_max: the kernel grants less, the channel warns
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "input-warnings",
                "--distributor.ingest.receive-buffer=256MB").start();
             Browser browser = Browser.start(work.resolve("profile"), "input-warnings", 1280, 900)) {
            Api api = server.api();
            assertThat(api.post("/api/channels", "{\"id\":\"open\",\"name\":\"Open door\",\"input\":{\"port\":" + port + "},\"started\":true}").status())
                    .isEqualTo(201);
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            awaitLive(browser);
            browser.awaitText(By.cssSelector("td[data-label='Alerts']"), "overview alerts", t -> t.contains("no source filter"));

            browser.open(server.baseUrl() + "/#/channel/open");
            awaitLive(browser);
            sendWithARestart(port);
            browser.awaitText(By.cssSelector("[data-stat='senderRestarts']"), "sender restarts", "1"::equals);
            browser.awaitText(By.cssSelector(".events"), "restart in the event log",
                    t -> t.contains("SSRC 0000aaaa → SSRC 0000bbbb") && t.contains("RTP sender restarted"));
            String alerts = browser.awaitText(By.cssSelector(".alerts--row"), "channel alerts",
                    t -> t.contains("no source filter") && t.contains("net.core.rmem_max"));
            assertThat(alerts).contains("set input.sourceAddress");
            assertThat(browser.driver().findElement(By.cssSelector("[data-stat='receiveBuffer']")).getText())
                    .contains("asked 262,144 KiB");
            assertThat(browser.driver().findElement(By.cssSelector("[data-stat='kernelDrops']")).getText()).isEqualTo("0");
            assertThat(browser.driver().findElement(By.cssSelector("[data-stat='rtpDropped']")).getText()).isEqualTo("0");
            browser.screenshot("input-warnings-channel");
        }
    }

    /** Ten datagrams of SSRC aaaa, then ten of SSRC bbbb with other sequence numbers: one restart. */
    private static void sendWithARestart(int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 20; i++) {
                byte[] d = new byte[12 + 7 * 188];
                d[0] = (byte) 0x80;
                d[1] = 33;
                int sequence = i < 10 ? 100 + i : 30_000 + i;
                d[2] = (byte) (sequence >> 8);
                d[3] = (byte) sequence;
                d[10] = (byte) (i < 10 ? 0xAA : 0xBB);
                d[11] = (byte) (i < 10 ? 0xAA : 0xBB);
                for (int k = 0; k < 7; k++) {
                    d[12 + k * 188] = 0x47;
                    d[13 + k * 188] = 0x1F; // null packets
                    d[14 + k * 188] = (byte) 0xFF;
                    d[15 + k * 188] = 0x10;
                }
                socket.send(new DatagramPacket(d, d.length, new InetSocketAddress("127.0.0.1", port)));
                LockSupport.parkNanos(2_000_000);
            }
        }
    }
}
