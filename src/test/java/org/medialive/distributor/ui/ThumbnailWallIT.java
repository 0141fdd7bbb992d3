package org.medialive.distributor.ui;

import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medialive.distributor.ui.DashboardPage.awaitLive;
import static org.medialive.distributor.ui.DashboardPage.click;
import static org.medialive.distributor.ui.DashboardPage.logIn;

/**
 * The overview's picture wall in chromium: two channels receiving the H.264 test stream show
 * their pictures, which are replaced when the server announces new ones; a channel without
 * signal shows so, with its alert over the tile; the layout is remembered; the channel page
 * shows the larger picture. The wall's screenshot is docs/images/thumbnail-wall.png.
 */
class ThumbnailWallIT {

    @TempDir
    static Path work;

    @Test
    void picturesAppearAndRefreshOnTheWall() throws Exception {
        Path stream = TestStream.plain(60);
        int news = Ports.freeUdp();
        int sport = Ports.freeUdp();
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "thumbnail-wall",
                "--distributor.thumbnails.every=3s").start()) {
            Api api = server.api();
            for (String[] channel : new String[][] {{"news", "Evening News", "" + news}, {"sport", "Sport", "" + sport},
                    {"weather", "Weather", "" + Ports.freeUdp()}}) {
                assertThat(api.post("/api/channels", "{\"id\":\"" + channel[0] + "\",\"name\":\"" + channel[1]
                        + "\",\"input\":{\"port\":" + channel[2] + ",\"sourceAddress\":[\"127.0.0.0/8\"]},\"started\":true}").status()).isEqualTo(201);
            }
            try (RtpPacer newsFeed = new RtpPacer(new InetSocketAddress("127.0.0.1", news), TestStream.BITRATE, 0x11)
                    .start(new FileInputStream(stream.toFile()));
                 RtpPacer sportFeed = new RtpPacer(new InetSocketAddress("127.0.0.1", sport), TestStream.BITRATE, 0x22)
                    .start(new FileInputStream(stream.toFile()));
                 Browser browser = Browser.start(work.resolve("profile"), "thumbnail-wall", 1280, 800)) {
                logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
                awaitLive(browser);
                click(browser, browser.visible(By.cssSelector("[data-layout='grid']")));
                browser.await("both receiving channels show a picture", Duration.ofSeconds(40), d ->
                        d.findElements(By.cssSelector(".tile .thumb[data-picture='shown']")).size() == 2);
                assertThat(imageWidth(browser, "news")).as("a decoded JPEG in the tile").isEqualTo(320);
                WebElement weather = browser.driver().findElement(By.cssSelector(".tile[data-channel='weather']"));
                assertThat(weather.findElement(By.cssSelector(".thumb")).getAttribute("data-picture")).isEqualTo("no-signal");
                assertThat(weather.getText()).contains("Weather", "No signal");

                String first = etag(browser, "news");
                browser.await("the news picture refreshes", Duration.ofSeconds(30), d -> !first.equals(etag(browser, "news")));
                Path shot = browser.screenshot("wall");
                java.nio.file.Files.copy(shot, Path.of("target", "screenshots", "thumbnail-wall.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

                browser.driver().navigate().refresh();
                awaitLive(browser);
                browser.await("the wall is remembered", d -> !d.findElements(By.cssSelector(".wall .tile")).isEmpty()
                        && d.findElement(By.cssSelector(".wall")).isDisplayed());
                click(browser, browser.visible(By.cssSelector(".tile[data-channel='sport'] a")));
                browser.await("the channel page's larger picture", Duration.ofSeconds(30),
                        d -> !d.findElements(By.cssSelector(".thumb--large[data-picture='shown']")).isEmpty());
                browser.screenshot("channel-picture");
            }
            assertThat(server.errorsInLog()).isEmpty();
        }
    }

    private static String etag(Browser browser, String channel) {
        return String.valueOf(browser.script("const t = document.querySelector(`.tile[data-channel='${arguments[0]}'] .thumb`);"
                + " return t && t.dataset.etag;", channel));
    }

    private static int imageWidth(Browser browser, String channel) {
        return ((Number) browser.script("return document.querySelector(`.tile[data-channel='${arguments[0]}'] .thumb__img`).naturalWidth;",
                channel)).intValue();
    }
}
