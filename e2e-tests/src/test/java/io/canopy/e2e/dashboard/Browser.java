package io.canopy.e2e.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven by
 * Selenium with the driver given explicitly (Selenium Manager never downloads anything). Without
 * them the browser tests are skipped with the reason, unless {@code -Dcanopy.browser=required}
 * (CI), where a missing browser fails the build.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    /** Where a test keeps documents it fetched through the dashboard (target/downloads). */
    final Path downloads;
    private final String baseUrl;
    private final Path screenshots;
    private int pagesChecked;

    private Browser(ChromeDriver driver, String baseUrl, Path screenshots, Path downloads) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
        this.downloads = downloads;
    }

    /** Skips the calling test without a browser, or fails it when {@code -Dcanopy.browser=required}. */
    static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String reason = "no headless browser: install Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + ")";
            if ("required".equals(System.getProperty("canopy.browser"))) {
                throw new IllegalStateException(reason + "; -Dcanopy.browser=required");
            }
            Assumptions.abort(reason);
        }
    }

    static Browser open(String baseUrl, Path screenshots) {
        requireInstalled();
        Path downloads = screenshots.resolveSibling("downloads").toAbsolutePath();
        try {
            Files.createDirectories(screenshots);
            Files.createDirectories(downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--disable-gpu", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, baseUrl, screenshots, downloads);
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    java.util.List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text() {
        return find("body").getText();
    }

    void type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    /**
     * Submits and waits for the answer page. A click returns when the browser has dispatched it, not
     * when the next page is there: reading the URL right after could still read the old page (on a
     * slow machine the sign-in page's own URL after a sign-in). Every form here navigates (no script),
     * so a new document is the signal.
     */
    void submit(String formCss) {
        clickAndAwaitNextPage(find(formCss + " button[type=submit]"));
    }

    /** Follows a link and waits for the page it leads to (see {@link #submit}). */
    void clickAndAwaitNextPage(WebElement linkOrButton) {
        // A mark on the current window object: the next page has a fresh one. (Waiting for the old
        // <html> element to go stale is not reliable: chromedriver sometimes answers a lookup of a
        // node of a replaced document with an "unhandled inspector error" instead of "stale".)
        driver.executeScript("window.canopyPreviousPage = true");
        linkOrButton.click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript(
                        "return window.canopyPreviousPage === undefined && document.readyState === 'complete'")));
    }

    /**
     * Each page a test reaches: a PNG under target/screenshots (the README shows a few), and axe-core
     * on it. A serious or critical accessibility violation fails the test at that page; lesser ones
     * are printed once per rule and page.
     */
    void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.List<Accessibility.Violation> violations = Accessibility.check(driver, name + " " + path());
        violations.stream().filter(v -> !v.failing()).forEach(v -> System.out.println("accessibility (not failing): " + v));
        pagesChecked++;
        java.util.List<Accessibility.Violation> failing = violations.stream().filter(Accessibility.Violation::failing).toList();
        if (!failing.isEmpty()) {
            throw new AssertionError("serious accessibility violations (axe-core):\n" + failing.stream()
                    .map(Object::toString).collect(java.util.stream.Collectors.joining("\n")));
        }
    }

    /** How many pages axe has checked (a test proves the check ran). */
    int pagesChecked() {
        return pagesChecked;
    }

    void waitUntil(Duration timeout, java.util.function.Function<ChromeDriver, Boolean> condition) {
        new WebDriverWait(driver, timeout).until(d -> condition.apply((ChromeDriver) d));
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
