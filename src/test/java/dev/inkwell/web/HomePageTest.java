package dev.inkwell.web;

import java.net.URI;
import java.net.http.HttpResponse;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.FormClient;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The home page's tabs and page links, and that its cached copy follows every write. */
@ServerTest
class HomePageTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;
    private final FormClient browser;

    HomePageTest(URI uri) {
        this.api = new Api(uri);
        this.browser = new FormClient(ServedApp.base(uri));
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void pagesOfTenWithLinksAndTagTabs() {
        Api.User writer = api.register("prolific");
        for (int i = 1; i <= 12; i++) {
            api.publish(writer, "Numbered article " + i, i % 3 == 0 ? "third" : "other");
        }
        String first = browser.get("/").body();
        assertTrue(first.contains("Numbered article 12") && first.contains("Numbered article 3"));
        assertFalse(first.contains("Numbered article 2<"), "the eleventh newest is on page two");
        assertTrue(first.contains("href=\"/?page=2\""), "a link to page two");
        String second = browser.get("/?page=2").body();
        assertTrue(second.contains("Numbered article 2<") && second.contains("Numbered article 1<"));
        assertFalse(second.contains("Numbered article 3<"));
        assertEquals(Status.OK_200.code(), browser.get("/?page=abc").statusCode(), "odd page numbers show the first page");

        String tagged = browser.get("/?tag=third").body();
        assertTrue(tagged.contains("Numbered article 12") && tagged.contains("Numbered article 9"));
        assertFalse(tagged.contains("Numbered article 11"));
        assertTrue(first.contains("href=\"/?tag=third\""), "popular tags link to their tab");
    }

    @Test
    void theCachedHomePageShowsNewArticlesAtOnce() {
        Api.User writer = api.register("fresh");
        browser.get("/");
        String slug = api.publish(writer, "Brand new on the home page");
        HttpResponse<String> home = browser.get("/");
        assertTrue(home.body().contains("Brand new on the home page"));
        api.delete("/api/articles/" + slug, writer.token());
        assertFalse(browser.get("/").body().contains("Brand new on the home page"));
    }
}
