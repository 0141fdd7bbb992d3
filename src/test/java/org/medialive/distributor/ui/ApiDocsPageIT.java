package org.medialive.distributor.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medialive.distributor.ui.DashboardPage.logIn;

/**
 * The API's browsable view (ui/api-docs.html, Swagger UI from the webjar) in a real browser: a
 * viewer reaches it from the dashboard's header, sees every documented operation, runs one on
 * their own session, and nothing is loaded from anywhere but this server.
 */
class ApiDocsPageIT {

    private static final String VIEWER_PASSWORD = "api-docs-viewer-1";

    @TempDir
    static Path work;
    static DistributorServer server;

    @BeforeAll
    static void start() {
        server = new DistributorServer(work.resolve("data"), "api-docs").start();
        assertThat(server.api().post("/api/users",
                "{\"username\":\"reader\",\"password\":\"" + VIEWER_PASSWORD + "\",\"role\":\"viewer\"}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aViewerOpensTheApiFromTheDashboardAndTriesAnOperation() throws Exception {
        JsonNode document = new ObjectMapper().readTree(server.api().get("/api/openapi.json").body());
        int operations = 0;
        for (JsonNode path : document.path("paths")) {
            operations += path.size();
        }
        try (Browser browser = Browser.start(work.resolve("profile"), "api-docs", 1280, 900)) {
            logIn(browser, server.baseUrl(), "reader", VIEWER_PASSWORD);
            browser.visible(By.id("api-docs")).click();
            browser.await("on the API page", d -> d.getCurrentUrl().endsWith("/api-docs.html"));
            int documented = operations;
            List<WebElement> blocks = browser.await("Swagger UI lists every operation",
                    d -> d.findElements(By.cssSelector(".opblock")).size() == documented ? d.findElements(By.cssSelector(".opblock")) : null);
            assertThat(blocks).hasSize(documented);
            browser.screenshot("operations");

            WebElement me = browser.visible(By.id("operations-access-api-me"));
            me.findElement(By.cssSelector(".opblock-summary-control")).click();
            browser.visible(By.cssSelector("#operations-access-api-me .try-out__btn")).click();
            browser.visible(By.cssSelector("#operations-access-api-me .execute")).click();
            browser.awaitText(By.cssSelector("#operations-access-api-me .live-responses-table tr.response .response-col_status"),
                    "the call answered 200", text -> text.trim().startsWith("200"));
            browser.awaitText(By.cssSelector("#operations-access-api-me .live-responses-table tr.response .response-col_description"),
                    "the answer names the signed-in viewer", text -> text.contains("\"reader\"") && text.contains("viewer"));
            browser.screenshot("tried-me");

            @SuppressWarnings("unchecked")
            List<String> loaded = (List<String>) browser.script(
                    "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
            assertThat(loaded).as("everything the page loaded").isNotEmpty()
                    .allSatisfy(url -> assertThat(url).startsWith(server.baseUrl() + "/"));
            assertThat(loaded).anyMatch(url -> url.contains("/webjars/swagger-ui/"));
        }
    }

    /** On a session, a change needs the CSRF header: the page's request interceptor sends it, as the dashboard does. */
    @Test
    void anOperatorMakesAChangeFromThePageOnTheSession() {
        assertThat(server.api().post("/api/channels", "{\"id\":\"tried\",\"input\":{\"port\":" + Ports.freeUdp() + "},\"started\":true}")
                .status()).isEqualTo(201);
        try (Browser browser = Browser.start(work.resolve("profile-operator"), "api-docs-operator", 1280, 900)) {
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            browser.open(server.baseUrl() + "/api-docs.html");
            String operation = "#operations-channels-api-stop-channel";
            browser.visible(By.cssSelector(operation + " .opblock-summary-control")).click();
            browser.visible(By.cssSelector(operation + " .try-out__btn")).click();
            browser.visible(By.cssSelector(operation + " tr[data-param-name='id'] input")).sendKeys("tried");
            browser.visible(By.cssSelector(operation + " .execute")).click();
            browser.awaitText(By.cssSelector(operation + " .live-responses-table tr.response .response-col_status"),
                    "the change answered 200 (403 would mean no CSRF header)", text -> text.trim().startsWith("200"));
            browser.screenshot("stopped-channel");
        }
        assertThat(server.api().ok("/api/channels/tried").path("started").asBoolean()).as("the channel was stopped").isFalse();
    }
}
