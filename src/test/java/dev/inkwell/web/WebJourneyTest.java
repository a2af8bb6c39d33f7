package dev.inkwell.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.inkwell.testing.Browser;
import dev.inkwell.testing.TestApp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two people use Inkwell in a real browser, in order: one writes, the other reads, comments,
 * favorites and follows; then the writer edits and deletes. Screenshots of the main pages land in
 * {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebJourneyTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final By HEART = By.cssSelector("form.favorite button");
    private static final String MARKDOWN = """
            Dragons are **not** to be trifled with.

            <script>document.title = 'pwned'; window.pwned = true;</script>

            [A link](https://example.com/dragons) and <img src=x onerror="window.pwned = true">
            """;

    private static TestApp app;
    private static ChromeDriver browser;
    private static String base;
    private static String slug;

    @BeforeAll
    static void start() throws IOException {
        app = TestApp.start();
        base = "http://127.0.0.1:" + app.port();
        browser = Browser.start();
        browser.manage().window().setSize(new Dimension(1280, 900));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        app.close();
    }

    @Test
    @Order(1)
    void registrationShowsEachProblemNextToItsFieldAndKeepsWhatWasTyped() {
        open("/register");
        type("username", "ada");
        type("email", "not-an-email");
        type("password", "short");
        submit();
        assertEquals("ada", field("username").getAttribute("value"));
        assertTrue(text().contains("Email is invalid"), text());
        assertTrue(text().contains("Password is too short"), text());
        assertEquals("true", field("email").getAttribute("aria-invalid"));
        screenshot("register-errors");
    }

    @Test
    @Order(2)
    void aWriterRegistersAndPublishesMarkdownSafely() {
        register("ada");
        assertTrue(text().contains("Welcome to Inkwell, ada."), text());
        open("/editor");
        type("title", "How to train your dragon");
        type("description", "Ever wonder how?");
        type("body", MARKDOWN);
        type("tags", "dragons, training");
        screenshot("editor");
        submit();
        slug = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertEquals("how-to-train-your-dragon", slug);
        assertTrue(text().contains("Article published."));
        WebElement body = browser.findElement(By.cssSelector(".article-body"));
        assertEquals("not", body.findElement(By.tagName("strong")).getText());
        assertTrue(body.findElements(By.tagName("script")).isEmpty());
        assertEquals(java.util.Set.of("nofollow", "noopener"),
                     java.util.Set.of(body.findElement(By.tagName("a")).getAttribute("rel").split(" ")));
        assertFalse(browser.getTitle().contains("pwned"));
        assertEquals(null, browser.executeScript("return window.pwned === undefined ? null : window.pwned;"));
        screenshot("article");
    }

    @Test
    @Order(3)
    void theArticleIsOnTheHomePageAndItsTagTab() {
        open("/");
        assertTrue(text().contains("How to train your dragon"));
        assertEquals("Home", browser.findElement(By.cssSelector(".nav-links a[aria-current=page]")).getText());
        screenshot("home");
        clickThrough(browser, By.linkText("dragons"));
        assertTrue(browser.getCurrentUrl().endsWith("/?tag=dragons"), browser.getCurrentUrl());
        assertTrue(text().contains("How to train your dragon"));
    }

    @Test
    @Order(4)
    void aReaderCommentsFavoritesAndFollowsAndSeesItInTheirFeed() {
        signOut();
        register("grace");
        open("/article/" + slug);
        type("comment-body", "   ");
        clickThrough(browser, By.cssSelector(".comment-form button"));
        assertTrue(text().contains("Your comment can't be blank"), text());
        assertEquals("true", field("comment-body").getAttribute("aria-invalid"));
        type("comment-body", "Thank you, this helped!");
        clickThrough(browser, By.cssSelector(".comment-form button"));
        assertTrue(text().contains("Comment posted."));
        assertTrue(text().contains("Thank you, this helped!"));

        // With JavaScript these buttons act in place: the page is not reloaded.
        browser.executeScript("window.stayedOnPage = true;");
        browser.findElement(By.xpath("//button[contains(., 'Favorite article')]")).click();
        WebElement unfavorite = waitFor(By.xpath("//button[contains(., 'Unfavorite article')]"));
        assertTrue(unfavorite.getText().contains("1"), unfavorite.getText());
        browser.findElement(By.xpath("//button[contains(., 'Follow ada')]")).click();
        waitFor(By.xpath("//button[contains(., 'Unfollow ada')]"));
        assertEquals(2, browser.findElements(By.xpath("//button[contains(., 'Unfollow ada')]")).size(),
                     "both follow buttons of the page are updated");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.stayedOnPage === true;"));
        open("/?tab=feed");
        assertTrue(text().contains("How to train your dragon"), "followed writer's article in Your feed");
        open("/profile/grace/favorites");
        assertTrue(text().contains("How to train your dragon"));
        screenshot("profile-favorites");
    }

    @Test
    @Order(5)
    void othersCannotEditAndMissingPagesAreFriendly() {
        open("/editor/" + slug);
        assertTrue(text().contains("Not allowed"), text());
        assertTrue(browser.findElements(By.id("title")).isEmpty());
        open("/article/no-such-article");
        assertTrue(text().contains("Page not found"));
        screenshot("not-found");
    }

    @Test
    @Order(6)
    void everythingWorksWithJavaScriptTurnedOff() {
        ChromeDriver plain = Browser.start(false);
        try {
            plain.manage().window().setSize(new Dimension(1280, 900));
            plain.get(base + "/login");
            plain.findElement(By.id("email")).sendKeys("grace@journey.test");
            plain.findElement(By.id("password")).sendKeys("grace-password");
            clickThrough(plain, By.cssSelector("main form button[type=submit]"));
            assertTrue(plain.findElement(By.tagName("body")).getText().contains("Welcome back, grace."));
            assertEquals("1", favoriteCount(plain));
            heart(plain).click();
            assertEquals("0", countAfterReload(plain, "0"), "the form post reloads the page with the new count");
            heart(plain).click();
            assertEquals("1", countAfterReload(plain, "1"));
        } finally {
            plain.quit();
        }
    }

    @Test
    @Order(7)
    void pagesLookRightOnPhonesToo() {
        browser.manage().window().setSize(new Dimension(360, 740));
        try {
            for (String page : List.of("/", "/article/" + slug, "/profile/ada", "/editor", "/settings", "/login",
                                       "/register")) {
                if (page.equals("/login")) {
                    signOut();
                }
                open(page);
                Long overflow = (Long) browser.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertTrue(overflow <= 0, page + " scrolls sideways on a phone by " + overflow + "px");
                screenshot("phone" + (page.equals("/") ? "-home" : page.startsWith("/article/") ? "-article"
                        : page.replace('/', '-')));
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(8)
    void theWriterSignsBackInEditsAndDeletes() {
        open("/login");
        type("email", "ada@journey.test");
        type("password", "wrong-password");
        submit();
        assertTrue(text().contains("Email or password is invalid"), text());
        assertEquals("ada@journey.test", field("email").getAttribute("value"));
        screenshot("login-error");
        type("password", "ada-password");
        submit();
        assertTrue(text().contains("Welcome back, ada."));
        open("/editor/" + slug);
        type("title", "How to train your dragon, revised");
        submit();
        assertTrue(text().contains("Article updated."));
        assertTrue(browser.getCurrentUrl().endsWith("/article/how-to-train-your-dragon-revised"));
        open("/article/" + slug);
        assertTrue(browser.getCurrentUrl().endsWith("/article/how-to-train-your-dragon-revised"),
                   "the old address leads to the article");
        browser.executeScript("window.confirm = () => true;");
        clickThrough(browser, By.xpath("//button[contains(., 'Delete article')]"));
        assertTrue(text().contains("Article deleted."));
        open("/article/how-to-train-your-dragon-revised");
        assertTrue(text().contains("Page not found"));
    }

    private static void register(String name) {
        open("/register");
        type("username", name);
        type("email", name + "@journey.test");
        type("password", name + "-password");
        submit();
    }

    private static void signOut() {
        open("/settings");
        clickThrough(browser, By.xpath("//button[contains(., 'sign out')]"));
        assertTrue(browser.findElements(By.linkText("Sign in")).size() > 0);
    }

    /** The favorite button, once the page (maybe still loading after a form post) has one. */
    private static WebElement heart(ChromeDriver driver) {
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(HEART).stream().findFirst().orElse(null));
    }

    private static String favoriteCount(ChromeDriver driver) {
        return driver.findElements(HEART).stream().findFirst()
                .map(heart -> heart.getText().strip().replaceAll("\\D", "")).orElse("");
    }

    /** The heart's count once the page the form post loads shows the expected one (or after 10 s). */
    private static String countAfterReload(ChromeDriver driver, String expected) {
        try {
            return new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> expected.equals(favoriteCount(driver)) ? expected : null);
        } catch (org.openqa.selenium.TimeoutException e) {
            return favoriteCount(driver);
        }
    }

    private static void open(String path) {
        browser.get(base + path);
    }

    private static WebElement waitFor(By locator) {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> driver.findElements(locator).stream().findFirst().orElse(null));
    }

    private static WebElement field(String id) {
        return browser.findElement(By.id(id));
    }

    private static void type(String id, String value) {
        WebElement element = field(id);
        element.clear();
        element.sendKeys(value);
    }

    private static void submit() {
        clickThrough(browser, By.cssSelector("main form button[type=submit]"));
    }

    /** Clicks a link, or a button that posts its form, and waits for the page it leads to. */
    private static void clickThrough(ChromeDriver driver, By target) {
        // The old page reports "complete" too until the browser leaves it: wait for it to go first.
        WebElement leaving = driver.findElement(By.tagName("html"));
        driver.findElement(target).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.WebDriverException.class) // asked while the page changes
                .until(d -> isGone(leaving)
                        && "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }

    /** Whether an element's page is gone (chromedriver says so in more than one way). */
    private static boolean isGone(WebElement element) {
        try {
            element.isDisplayed();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    private static String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
