package org.medialive.distributor.ui;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.Browser;
import org.medialive.distributor.support.DistributorServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medialive.distributor.ui.DashboardPage.logIn;
import static org.medialive.distributor.ui.DashboardPage.submit;

/**
 * In a real browser: an admin creates a user on "Users and tokens"; that user, a viewer,
 * sees no such page and changes their own password on "Your account", which logs them out.
 */
class AccountPagesIT {

    @TempDir
    static Path work;
    static DistributorServer server;
    static Api api;

    @BeforeAll
    static void startServer() {
        server = new DistributorServer(work.resolve("data"), "account-pages").start();
        api = server.api();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Notes the status of every Jolokia call the page makes (fetch and XMLHttpRequest). */
    private static final String RECORD_JOLOKIA = """
            window.jolokiaCalls = [];
            const realFetch = window.fetch;
            window.fetch = async (input, options) => {
              const response = await realFetch(input, options);
              const url = typeof input === 'string' ? input : input.url;
              if (url.includes('jolokia')) window.jolokiaCalls.push(((options && options.method) || 'GET') + ' ' + response.status + ' ' + url);
              return response;
            };
            const realOpen = XMLHttpRequest.prototype.open;
            XMLHttpRequest.prototype.open = function (method, url, ...rest) {
              if (String(url).includes('jolokia')) this.addEventListener('loadend', () => window.jolokiaCalls.push(method + ' ' + this.status + ' ' + url));
              return realOpen.call(this, method, url, ...rest);
            };
            """;

    @Test
    void hawtioShowsTheCamelContextToAdminsThroughTheReadOnlyPolicy() {
        try (Browser browser = Browser.start(work.resolve("profile-hawtio"), "hawtio", 1280, 900)) {
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            browser.addInitScript(RECORD_JOLOKIA);
            browser.open(server.baseUrl() + "/actuator/hawtio/");
            try {
                browser.await("Hawtio read JMX through Jolokia", java.time.Duration.ofSeconds(60), d -> {
                    Object calls = browser.script("return (window.jolokiaCalls || []).filter(c => c.startsWith('POST 200')).length");
                    return ((Number) calls).intValue() >= 2;
                });
            } catch (RuntimeException e) {
                browser.screenshot("hawtio-failed");
                throw new AssertionError("Jolokia calls: " + browser.script("return window.jolokiaCalls") + " at "
                        + browser.driver().getCurrentUrl() + "\n" + browser.driver().findElement(org.openqa.selenium.By.tagName("body")).getText(), e);
            }
            browser.awaitText(org.openqa.selenium.By.tagName("body"), "Hawtio's Camel plugin, found through JMX reads",
                    t -> t.contains("Camel"));
            browser.screenshot("hawtio");
            Object calls = browser.script("return window.jolokiaCalls");
            assertThat(calls.toString()).as("Jolokia calls Hawtio made").doesNotContain(" 403").doesNotContain(" 405");
        }
    }

    @Test
    void adminsCreateUsersAndUsersChangeTheirOwnPassword() {
        try (Browser browser = Browser.start(work.resolve("profile-admin"), "access", 1280, 900)) {
            logIn(browser, server.baseUrl(), "admin", DistributorServer.ADMIN_PASSWORD);
            browser.visible(By.id("access-link")).click();
            browser.awaitText(By.tagName("h1"), "users page", "Users and tokens"::equals);
            browser.awaitText(By.cssSelector(".table--users tbody"), "the admin listed", t -> t.contains("admin"));
            WebElement form = browser.driver().findElement(By.cssSelector("form[aria-label='New user']"));
            form.findElement(By.name("username")).sendKeys("night-viewer");
            form.findElement(By.name("password")).sendKeys("night-viewer-pw1");
            new Select(form.findElement(By.name("role"))).selectByValue("viewer");
            submit(form);
            browser.awaitText(By.cssSelector(".table--users tbody"), "the new user listed", t -> t.contains("night-viewer"));
            browser.screenshot("users-and-tokens");
        }
        assertThat(api.ok("/api/users").toString()).contains("{\"username\":\"night-viewer\",\"role\":\"viewer\"}");

        try (Browser browser = Browser.start(work.resolve("profile-viewer"), "account", 1280, 900)) {
            logIn(browser, server.baseUrl(), "night-viewer", "night-viewer-pw1");
            assertThat(browser.driver().findElement(By.id("access-link")).isDisplayed()).as("no users page for viewers").isFalse();
            browser.visible(By.id("account-link")).click();
            browser.awaitText(By.tagName("h1"), "account page", "Your account"::equals);
            WebElement form = browser.driver().findElement(By.cssSelector("form[aria-labelledby='password-title']"));
            form.findElement(By.name("current")).sendKeys("night-viewer-pw1");
            form.findElement(By.name("password")).sendKeys("night-viewer-pw2");
            form.findElement(By.name("repeat")).sendKeys("night-viewer-pw2");
            submit(form);
            browser.await("sent to the login page", d -> d.getCurrentUrl().contains("/login"));
        }
        assertThat(server.anonymous().as("night-viewer", "night-viewer-pw1").get("/api/me").status()).isEqualTo(401);
        assertThat(server.anonymous().as("night-viewer", "night-viewer-pw2").get("/api/me").status()).isEqualTo(200);
        assertThat(server.errorsInLog()).isEmpty();
    }
}
