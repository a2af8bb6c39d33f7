package dev.inkwell.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Browser;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * People use Inkwell in a real browser: one writes, another reads, comments, favorites and follows,
 * a writer edits and deletes. Each journey starts signed out and sets up the people and articles it
 * needs itself (through the API), so any one can run alone and in any order. Screenshots of the
 * main pages land in {@code target/screenshots}.
 */
@ServerTest
class WebJourneyTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final By HEART = By.cssSelector("form.favorite button");
    private static final String MARKDOWN = """
            Dragons are **not** to be trifled with.

            <script>document.title = 'pwned'; window.pwned = true;</script>

            [A link](https://example.com/dragons) and <img src=x onerror="window.pwned = true">
            """;

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private static ChromeDriver browser;

    private final Api api;
    private final String base;

    WebJourneyTest(URI uri) {
        this.api = new Api(uri);
        this.base = ServedApp.base(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @BeforeAll
    static void start() throws IOException {
        browser = Browser.start();
        browser.manage().window().setSize(new Dimension(1280, 900));
        Files.createDirectories(SCREENSHOTS);
    }

    /** Every journey starts signed out, in a desktop-sized window. */
    @BeforeEach
    void signedOut() {
        open("/");
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
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
    void aWriterRegistersAndPublishesMarkdownSafely() {
        String ada = unique("ada");
        register(ada);
        assertTrue(text().contains("Welcome to Inkwell, " + ada + "."), text());
        open("/editor");
        type("title", "How to train your dragon");
        type("description", "Ever wonder how?");
        type("body", MARKDOWN);
        type("tags", "dragons, training");
        screenshot("editor");
        submit();
        String slug = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
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
    void theArticleIsOnTheHomePageAndItsTagTab() {
        api.publish(api.register("writer"), "Riding dragons at dawn", "dragons", "dawn");
        open("/");
        assertTrue(text().contains("Riding dragons at dawn"));
        assertEquals("Home", browser.findElement(By.cssSelector(".nav-links a[aria-current=page]")).getText());
        screenshot("home");
        clickThrough(browser, By.linkText("dawn"));
        assertTrue(browser.getCurrentUrl().endsWith("/?tag=dawn"), browser.getCurrentUrl());
        assertTrue(text().contains("Riding dragons at dawn"));
    }

    @Test
    void aReaderCommentsFavoritesAndFollowsAndSeesItInTheirFeed() {
        Api.User writer = api.register("ada");
        String slug = api.publish(writer, "Taming a dragon", "dragons");
        String grace = unique("grace");
        register(grace);
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
        browser.findElement(By.xpath("//button[contains(., 'Follow " + writer.username() + "')]")).click();
        By unfollow = By.xpath("//button[contains(., 'Unfollow " + writer.username() + "')]");
        waitFor(unfollow);
        assertEquals(2, browser.findElements(unfollow).size(), "both follow buttons of the page are updated");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.stayedOnPage === true;"));
        open("/?tab=feed");
        assertTrue(text().contains("Taming a dragon"), "followed writer's article in Your feed");
        open("/profile/" + grace + "/favorites");
        assertTrue(text().contains("Taming a dragon"));
        screenshot("profile-favorites");
    }

    @Test
    void othersCannotEditAndMissingPagesAreFriendly() {
        String slug = api.publish(api.register("writer"), "Not yours to edit");
        signIn(api.register("reader"));
        open("/editor/" + slug);
        assertTrue(text().contains("Not allowed"), text());
        assertTrue(browser.findElements(By.id("title")).isEmpty());
        open("/article/no-such-article");
        assertTrue(text().contains("Page not found"));
        screenshot("not-found");
    }

    @Test
    void everythingWorksWithJavaScriptTurnedOff() {
        String slug = api.publish(api.register("writer"), "Hearts without scripts");
        Api.User reader = api.register("reader");
        assertEquals(Status.OK_200.code(),
                     api.post("/api/articles/" + slug + "/favorite", "", reader.token()).status());
        ChromeDriver plain = Browser.start(false);
        try {
            plain.manage().window().setSize(new Dimension(1280, 900));
            plain.get(base + "/login");
            plain.findElement(By.id("email")).sendKeys(reader.email());
            plain.findElement(By.id("password")).sendKeys(reader.password());
            clickThrough(plain, By.cssSelector("main form button[type=submit]"));
            assertTrue(plain.findElement(By.tagName("body")).getText()
                               .contains("Welcome back, " + reader.username() + "."));
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
    void pagesLookRightOnPhonesToo() {
        Api.User writer = api.register("ada");
        String slug = api.publish(writer, "Dragons on small screens", "dragons");
        signIn(writer);
        browser.manage().window().setSize(new Dimension(360, 740));
        try {
            for (String page : List.of("/", "/article/" + slug, "/profile/" + writer.username(), "/editor", "/settings",
                                       "/login", "/register")) {
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
    void theWriterSignsBackInEditsAndDeletes() {
        Api.User writer = api.register("ada");
        String slug = api.publish(writer, "Dragons, a field guide", "dragons");
        assertEquals("dragons-a-field-guide", slug);
        open("/login");
        type("email", writer.email());
        type("password", "wrong-password");
        submit();
        assertTrue(text().contains("Email or password is invalid"), text());
        assertEquals(writer.email(), field("email").getAttribute("value"));
        screenshot("login-error");
        type("password", writer.password());
        submit();
        assertTrue(text().contains("Welcome back, " + writer.username() + "."));
        open("/editor/" + slug);
        type("title", "Dragons, a field guide, revised");
        submit();
        assertTrue(text().contains("Article updated."));
        assertTrue(browser.getCurrentUrl().endsWith("/article/dragons-a-field-guide-revised"));
        open("/article/" + slug);
        assertTrue(browser.getCurrentUrl().endsWith("/article/dragons-a-field-guide-revised"),
                   "the old address leads to the article");
        browser.executeScript("window.confirm = () => true;");
        clickThrough(browser, By.xpath("//button[contains(., 'Delete article')]"));
        assertTrue(text().contains("Article deleted."));
        open("/article/dragons-a-field-guide-revised");
        assertTrue(text().contains("Page not found"));
    }

    /** A name no other journey of this run uses. */
    private static String unique(String name) {
        return name + NAMES.incrementAndGet();
    }

    private void signIn(Api.User user) {
        open("/login");
        type("email", user.email());
        type("password", user.password());
        submit();
        assertTrue(text().contains("Welcome back, " + user.username() + "."), text());
    }

    private void register(String name) {
        open("/register");
        type("username", name);
        type("email", name + "@journey.test");
        type("password", name + "-password");
        submit();
    }

    private void signOut() {
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

    private void open(String path) {
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
