package dev.partneraccess.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Debian Chromium driven through chromedriver, as a partner user's browser. */
final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    Browser() throws IOException {
        profile = Files.createTempDirectory("partner-access-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("partner-access.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("partner-access.chromedriver", "/usr/bin/chromedriver")))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String page() {
        return driver.getPageSource();
    }

    WebElement find(String css) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.findElement(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no '" + css + "' on " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    /** Waits until the element shows the text (a single-page application renders after its API calls answer). */
    WebElement waitForText(String css, String text) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(css)).stream()
                    .filter(e -> e.getText().contains(text)).findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no '" + css + "' showing '" + text + "' on " + driver.getCurrentUrl() + ":\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Waits until no element matching the selector shows the text. */
    void waitForTextGone(String css, String text) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(css)).stream()
                    .noneMatch(e -> e.getText().contains(text)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("'" + css + "' still shows '" + text + "' on " + driver.getCurrentUrl(), e);
        }
    }

    /** Waits until the element has left the page or was never there. */
    void waitForNo(String css) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(css)).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("'" + css + "' stayed on " + driver.getCurrentUrl(), e);
        }
    }

    /** Clicks a button or link once it can be clicked. */
    void click(String css) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("'" + css + "' cannot be clicked on " + driver.getCurrentUrl() + ":\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Chooses an option of a select element by its value. */
    void select(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
    }

    String text(String css) {
        return find(css).getText();
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Clicks a button that submits its form and waits until the browser has left the page, so what is
     * read next is the server's answer and never the form that was just submitted.
     */
    void submit(String css) {
        WebElement button = find(css);
        button.click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(button));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page stayed after submitting '" + css + "' on " + driver.getCurrentUrl(), e);
        }
    }

    /**
     * Whether the element has left the page. While the old document is being torn down, Chromium may answer with an
     * "unknown error" that the node no longer belongs to the document instead of a stale-element error: both mean gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /**
     * Fills Keycloak's username and password form and submits it. In a realm with Organizations on, Keycloak's own
     * browser flow (and a copy of it, as setup binds) asks for the username first, then for the password.
     */
    void login(String username, String password) {
        type("#username", username);
        if (!has("#password")) {
            submit("#kc-login");
        }
        type("#password", password);
        submit("#kc-login");
    }

    /** Runs a script in the page, e.g. to switch off the browser's own form checks and reach the server's. */
    void script(String javascript) {
        driver.executeScript(javascript);
    }

    void forgetSessions() {
        driver.manage().deleteAllCookies();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
