package org.medialive.distributor.ui;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** What the dashboard tests read from and do to the page, named as an operator would say it. */
final class DashboardPage {

    private DashboardPage() {
    }

    /** Notes method and X-XSRF-TOKEN of every request the page makes that is not a GET. */
    static final String RECORD_CHANGES = """
            window.changeRequests = [];
            const realFetch = window.fetch;
            window.fetch = (url, options = {}) => {
              if ((options.method || 'GET') !== 'GET') {
                window.changeRequests.push({method: options.method, url: String(url),
                  token: (options.headers || {})['X-XSRF-TOKEN'] || null});
              }
              return realFetch(url, options);
            };
            """;

    /** Opens the dashboard, which sends a stranger to the login form, and logs in there. */
    static void logIn(Browser browser, String baseUrl, String user, String password) {
        browser.open(baseUrl + "/");
        browser.await("sent to the login page", d -> d.getCurrentUrl().endsWith("/login"));
        browser.visible(By.id("username")).sendKeys(user);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("button[type='submit']")).click();
        try {
            browser.await("back on the dashboard, logged in", d -> d.getCurrentUrl().startsWith(baseUrl + "/") && !d.getCurrentUrl().contains("/login"));
        } catch (RuntimeException e) {
            browser.screenshot("login-failed");
            throw new AssertionError("still at " + browser.driver().getCurrentUrl() + ": " + browser.driver().findElement(By.tagName("body")).getText(), e);
        }
        browser.awaitText(By.id("user"), "who is signed in", t -> t.startsWith("Signed in as " + user));
    }

    /** At 390 x 844 nothing may need sideways scrolling; tables become labelled cards. */
    static void looksRightOnAPhone(Browser browser, String name) {
        browser.resize(390, 844);
        try {
            browser.await("layout at phone width", d -> ((Number) browser.script("return window.innerWidth")).intValue() <= 390);
            Number overflow = (Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth");
            Object wide = browser.script("""
                    return [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && e.children.length === 0)
                      .slice(0, 5).map(e => e.tagName + '.' + e.className + ' "' + e.textContent.slice(0, 40) + '"').join(', ')""");
            assertThat(overflow.intValue()).as("sideways overflow at phone width, px, caused by: " + wide).isLessThanOrEqualTo(0);
            assertThat(browser.script("return getComputedStyle(document.querySelector('.table thead')).display")).isEqualTo("none");
            browser.fullPageScreenshot(name);
        } finally {
            browser.resize(1280, 900);
        }
    }

    static void awaitLive(Browser browser) {
        browser.await("live connection", Duration.ofSeconds(30),
                d -> "open".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    }

    static WebElement outputForm(Browser browser) {
        return browser.visible(By.cssSelector("form[data-form='output']"));
    }

    /** Brings the element to the middle of the window first, clear of the sticky bars, then clicks. */
    static void click(Browser browser, WebElement element) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Every change echoed the token of the XSRF-TOKEN cookie the server set (and accepted it: the changes happened). */
    static void assertEveryChangeCarriedTheCsrfToken(Browser browser) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> changes = (List<Map<String, Object>>) browser.script("return window.changeRequests");
        Cookie cookie = browser.driver().manage().getCookieNamed("XSRF-TOKEN");
        assertThat(cookie).as("CSRF cookie set by the server").isNotNull();
        String token = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
        assertThat(changes).as("changes the page sent").hasSizeGreaterThanOrEqualTo(8);
        assertThat(changes).allSatisfy(change -> assertThat(change.get("token")).as(change.toString()).isEqualTo(token));
    }

    static void submit(WebElement form) {
        form.findElement(By.cssSelector("button[type='submit']")).click();
    }

    static WebElement badge(Browser browser, By scope) {
        return browser.driver().findElement(scope).findElement(By.cssSelector(".state"));
    }

    static String row(Browser browser, By row, String label) {
        return browser.driver().findElement(row).findElement(By.cssSelector("td[data-label='" + label + "']")).getText();
    }

    /** The input chart's line, as drawn (an SVG path). */
    static String sparkline(Browser browser) {
        String path = browser.driver().findElement(By.cssSelector(".spark--wide .spark__line")).getAttribute("d");
        return path == null ? "" : path.trim();
    }

    /** How many figures the input chart draws. */
    static int sparklinePoints(Browser browser) {
        return sparkline(browser).split("[ML]", -1).length - 1;
    }

    static String activeAttribute(Browser browser, String attribute) {
        return (String) browser.script("return document.activeElement && document.activeElement.getAttribute(arguments[0])", attribute);
    }

    static void assertUnlabelledInputsNone(Browser browser) {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) browser.script(
                "return [...document.querySelectorAll('input')].filter(i => i.labels.length === 0).map(i => i.name)");
        assertThat(unlabelled).as("inputs without a label").isEmpty();
    }
}
