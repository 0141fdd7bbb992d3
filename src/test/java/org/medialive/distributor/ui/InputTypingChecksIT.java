package org.medialive.distributor.ui;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.openqa.selenium.JavascriptExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medialive.distributor.ui.DashboardPage.logIn;

/**
 * The channel form's checks made while typing (SRT input URL, failover durations) must never
 * refuse what the server accepts, or an operator could not save it; and they should catch the
 * usual slips before anything is sent. Each value goes to the page's own validate.js and to the API.
 */
class InputTypingChecksIT {

    @TempDir
    Path work;

    @Test
    void typingChecksOfSrtInputsAndFailoverDurationsNeverRefuseWhatTheServerAccepts() {
        try (DistributorServer server = new DistributorServer(work.resolve("data"), "input-checks").start();
             Browser browser = Browser.start(work.resolve("profile"), "input-checks", 1280, 900)) {
            Api api = server.api();
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            int port = Ports.freeUdp();
            List<String> urls = List.of(
                    "srt://:" + port + "?mode=listener&latency=200&passphrase=abcdefghij", "SRT://:" + port + "?mode=listener",
                    "srt://127.0.0.1:" + port + "?mode=caller&passphrase=abcdefghij&pbkeylen=32", "srt://127.0.0.1:" + port,
                    "srt://:" + port, "srt://:" + port + "?mode=listener&passphrase=short", "udp://:" + port,
                    "srt://:" + port + "?mode=listener&passphrase=***", "srt://:80?mode=listener", "srt://:" + port + "?mode=listener&latency=5",
                    "srt://:" + port + "/live?mode=listener", "srt://:" + port + "?mode=rendezvous", "srt://:" + port + "?mode=listener&lantecy=200");
            int caught = 0;
            for (int i = 0; i < urls.size(); i++) {
                String url = urls.get(i);
                Object client = check(browser, "v.checkSrtInput(arguments[0])", url);
                Api.Response answer = api.post("/api/channels", "{\"id\":\"u" + i + "\",\"input\":{\"srt\":\"" + url + "\"}}");
                caught += judge(api, "u" + i, url, client, answer);
            }
            assertThat(caught).as("slips in SRT input URLs caught while typing (all but the unknown option)").isEqualTo(8);

            caught = 0;
            List<String> afters = List.of("300ms", "50ms", "10s", "1m", "49ms", "11s", "soon", "300 ms");
            for (int i = 0; i < afters.size(); i++) {
                Object client = check(browser, "v.checkDuration(arguments[0], 'after', 50, 10000, '50ms and 10s')", afters.get(i));
                caught += judge(api, "a" + i, afters.get(i), client, api.post("/api/channels", pair("a" + i, "\"after\":\"" + afters.get(i) + "\"")));
            }
            assertThat(caught).as("wrong failover.after values caught while typing").isEqualTo(5);

            caught = 0;
            List<String> reverts = List.of("1s", "10s", "1h", "60m", "999ms", "2h", "61m", "later");
            for (int i = 0; i < reverts.size(); i++) {
                Object client = check(browser, "v.checkDuration(arguments[0], 'revertAfter', 1000, 3600000, '1s and 1h')", reverts.get(i));
                caught += judge(api, "r" + i, reverts.get(i), client,
                        api.post("/api/channels", pair("r" + i, "\"revertAfter\":\"" + reverts.get(i) + "\"")));
            }
            assertThat(caught).as("wrong failover.revertAfter values caught while typing").isEqualTo(4);
        }
    }

    /** A stopped two-input channel with one failover field set. */
    private static String pair(String id, String failoverField) {
        return "{\"id\":\"" + id + "\",\"input\":{\"port\":" + Ports.freeUdp() + "},\"backupInput\":{\"port\":" + Ports.freeUdp()
                + "},\"failover\":{" + failoverField + "}}";
    }

    /** The page's validate.js, imported as the form imports it; null when it lets the value through. */
    private static Object check(Browser browser, String call, String value) {
        return ((JavascriptExecutor) browser.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/validate.js').then(v => done(" + call + ")).catch(e => done('module: ' + e));", value);
    }

    /** 1 when the client caught a value the server refused; fails when the client refuses what the server took. */
    private static int judge(Api api, String id, String value, Object client, Api.Response server) {
        if (server.status() == 201) {
            assertThat(client).as("client check of " + value + ", which the server accepts").isNull();
            assertThat(api.delete("/api/channels/" + id).status()).isEqualTo(204);
            return 0;
        }
        assertThat(server.status()).as(value + ": " + server.body()).isEqualTo(400);
        return client != null ? 1 : 0;
    }
}
