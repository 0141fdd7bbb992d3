package org.medialive.distributor.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven by Debian's chromedriver, both named explicitly so that
 * Selenium Manager never tries to download a browser (there is no internet here). Takes
 * numbered screenshots into target/screenshots, kept as build artifacts.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String prefix;
    private int shots;

    private Browser(ChromeDriver driver, String prefix) {
        this.driver = driver;
        this.prefix = prefix;
    }

    /** A fresh browser (its own empty profile in {@code profile}) with a window of the given size. */
    public static Browser start(Path profile, String screenshotPrefix, int width, int height) {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver, screenshotPrefix);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Resizes the window; headless chromium allows a phone's width, e.g. 390 x 844. */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves target/screenshots/{prefix}-{nn}-{name}.png and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", prefix, ++shots, name));
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new AssertionError("could not save screenshot " + name, e);
        }
    }

    /** Saves a screenshot of the whole page height, not only what fits the window, then restores the window. */
    public Path fullPageScreenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        int chrome = before.getHeight() - ((Number) script("return window.innerHeight")).intValue();
        int height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight)")).intValue();
        resize(before.getWidth(), Math.min(8000, height + chrome));
        try {
            return screenshot(name);
        } finally {
            resize(before.getWidth(), before.getHeight());
        }
    }

    /** Runs {@code javascript} in every document this browser opens from now on, before the page's own scripts. */
    public void addInitScript(String javascript) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", javascript));
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Waits up to {@code timeout} until {@code condition} gives something other than null or false. */
    public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200))
                .withMessage(() -> what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    public <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, DEFAULT_WAIT, condition);
    }

    /** Waits for a visible element. */
    public WebElement visible(By by) {
        return await("visible: " + by, d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Waits until the element's text satisfies {@code test}, returning that text. */
    public String awaitText(By by, String what, java.util.function.Predicate<String> test) {
        return await(what + " (" + by + ")", d -> {
            List<WebElement> found = d.findElements(by);
            if (found.isEmpty()) {
                return null;
            }
            String text = found.get(0).getText();
            return test.test(text) ? text : null;
        });
    }

    @Override
    public void close() {
        driver.quit();
    }
}
