package dev.inkwell.articles;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ServerTest
class ArticlesApiTest {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @RegisterExtension
    static final ServedApp app = new ServedApp();

    private final Api api;

    ArticlesApiTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void createAnswers201WithTheFullArticle() {
        Api.User author = api.register("author");
        Response response = api.post("/api/articles", """
                {"article":{"title":"How to train your dragon","description":"Ever wonder how?",
                "body":"You have to believe","tagList":["Dragons","training"," dragons "]}}""", author.token());
        assertEquals(Status.CREATED_201.code(), response.status(), response.body());
        JsonObject article = response.json().getJsonObject("article");
        assertTrue(article.getString("slug").startsWith("how-to-train-your-dragon"));
        assertEquals("You have to believe", article.getString("body"));
        assertEquals(List.of("dragons", "training"), strings(article, "tagList"));
        assertTrue(TIMESTAMP.matcher(article.getString("createdAt")).matches(), article.getString("createdAt"));
        assertTrue(TIMESTAMP.matcher(article.getString("updatedAt")).matches());
        assertFalse(article.getBoolean("favorited"));
        assertEquals(0, article.getInt("favoritesCount"));
        assertEquals(author.username(), article.getJsonObject("author").getString("username"));
        assertFalse(article.getJsonObject("author").getBoolean("following"));

        Response fetched = api.get("/api/articles/" + article.getString("slug"));
        assertEquals(Status.OK_200.code(), fetched.status());
        assertEquals(article, fetched.json().getJsonObject("article"));
    }

    @Test
    void invalidArticlesAnswer422() {
        Api.User author = api.register("invalid");
        Response missing = api.post("/api/articles", "{\"article\":{\"title\":\"\"}}", author.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), missing.status());
        assertEquals("can't be blank", missing.errors("title").get(0));
        assertEquals("can't be blank", missing.errors("description").get(0));
        assertEquals("can't be blank", missing.errors("body").get(0));
        Response wrongType = api.post("/api/articles",
                "{\"article\":{\"title\":5,\"description\":\"d\",\"body\":\"b\",\"tagList\":\"x\"}}", author.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), wrongType.status());
        assertEquals("must be a string", wrongType.errors("title").get(0));
        assertEquals("must be an array of strings", wrongType.errors("tagList").get(0));
        Response tooLong = api.post("/api/articles", """
                {"article":{"title":"%s","description":"d","body":"b"}}""".formatted("t".repeat(201)), author.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), tooLong.status());
        assertEquals(Status.UNAUTHORIZED_401.code(), api.post("/api/articles", "{\"article\":{}}", null).status());
    }

    @Test
    void equalTitlesGetDistinctSlugsAndOldSlugsKeepResolving() {
        Api.User author = api.register("slugs");
        String first = api.publish(author, "Same title here");
        String second = api.publish(author, "Same title here");
        assertNotEquals(first, second);
        assertEquals("same-title-here", first);

        Response renamed = api.put("/api/articles/" + first, "{\"article\":{\"title\":\"A brand new title\"}}",
                                   author.token());
        assertEquals(Status.OK_200.code(), renamed.status(), renamed.body());
        String newSlug = renamed.json().getJsonObject("article").getString("slug");
        assertEquals("a-brand-new-title", newSlug);
        assertEquals("A brand new title",
                     api.get("/api/articles/" + first).json().getJsonObject("article").getString("title"));
        assertEquals(newSlug, api.get("/api/articles/" + first).json().getJsonObject("article").getString("slug"));
        assertEquals(Status.OK_200.code(), api.get("/api/articles/" + newSlug).status());
        // The old slug is not given to a new article while it still points at the renamed one.
        assertNotEquals(first, api.publish(author, "Same title here"));
    }

    @Test
    void onlyTheAuthorMayChangeOrDeleteAnArticle() {
        Api.User author = api.register("owner");
        Api.User intruder = api.register("intruder");
        String slug = api.publish(author, "Mine alone");
        Response edit = api.put("/api/articles/" + slug, "{\"article\":{\"body\":\"defaced\"}}", intruder.token());
        assertEquals(Status.FORBIDDEN_403.code(), edit.status());
        assertFalse(edit.errors("body").isEmpty());
        assertEquals(Status.FORBIDDEN_403.code(), api.delete("/api/articles/" + slug, intruder.token()).status());
        assertEquals("Body of Mine alone",
                     api.get("/api/articles/" + slug).json().getJsonObject("article").getString("body"));

        Response update = api.put("/api/articles/" + slug, "{\"article\":{\"body\":\"new body\"}}", author.token());
        assertEquals(Status.OK_200.code(), update.status());
        assertEquals("new body", update.json().getJsonObject("article").getString("body"));
        assertEquals(Status.NO_CONTENT_204.code(), api.delete("/api/articles/" + slug, author.token()).status());
        assertEquals(Status.NOT_FOUND_404.code(), api.get("/api/articles/" + slug).status());
        assertEquals(Status.NOT_FOUND_404.code(), api.delete("/api/articles/" + slug, author.token()).status());
        assertEquals(Status.NOT_FOUND_404.code(), api.put("/api/articles/no-such-article", "{\"article\":{}}", author.token()).status());
    }

    @Test
    void favoritesCountAndFlagFollowTheViewer() {
        Api.User author = api.register("fav");
        Api.User fan = api.register("fan");
        String slug = api.publish(author, "Worth a favorite");
        JsonObject favorited = api.post("/api/articles/" + slug + "/favorite", null, fan.token())
                .json().getJsonObject("article");
        assertTrue(favorited.getBoolean("favorited"));
        assertEquals(1, favorited.getInt("favoritesCount"));
        // Favoriting twice counts once.
        assertEquals(1, api.post("/api/articles/" + slug + "/favorite", null, fan.token())
                .json().getJsonObject("article").getInt("favoritesCount"));
        assertFalse(api.get("/api/articles/" + slug, author.token()).json().getJsonObject("article")
                            .getBoolean("favorited"));
        Response list = api.get("/api/articles?favorited=" + fan.username());
        assertEquals(1, list.json().getInt("articlesCount"));
        assertEquals(slug, list.json().getJsonArray("articles").getJsonObject(0).getString("slug"));

        JsonObject unfavorited = api.delete("/api/articles/" + slug + "/favorite", fan.token())
                .json().getJsonObject("article");
        assertFalse(unfavorited.getBoolean("favorited"));
        assertEquals(0, unfavorited.getInt("favoritesCount"));
        assertEquals(0, api.get("/api/articles?favorited=" + fan.username()).json().getInt("articlesCount"));
        assertEquals(Status.UNAUTHORIZED_401.code(), api.post("/api/articles/" + slug + "/favorite", null, null).status());
        assertEquals(Status.NOT_FOUND_404.code(), api.post("/api/articles/nothing-here/favorite", null, fan.token()).status());
    }

    @Test
    void listsPageAndFilterWithExactTotals() {
        Api.User writer = api.register("pager");
        Api.User reader = api.register("reader");
        String tag = "pagetag" + writer.username();
        for (int i = 1; i <= 7; i++) {
            api.publish(writer, "Paged article " + i, tag, i % 2 == 0 ? "even" + writer.username() : "odd");
        }
        Response firstPage = api.get("/api/articles?author=" + writer.username() + "&limit=3");
        assertEquals(7, firstPage.json().getInt("articlesCount"));
        assertEquals(List.of("Paged article 7", "Paged article 6", "Paged article 5"), titles(firstPage));
        Response lastPage = api.get("/api/articles?author=" + writer.username() + "&limit=3&offset=6");
        assertEquals(List.of("Paged article 1"), titles(lastPage));
        for (JsonObject article : lastPage.json().getJsonArray("articles").getValuesAs(JsonObject.class)) {
            assertFalse(article.containsKey("body"), "lists omit the body");
        }
        Response pastTheEnd = api.get("/api/articles?author=" + writer.username() + "&limit=3&offset=9");
        assertEquals(List.of(), titles(pastTheEnd));
        assertEquals(7, pastTheEnd.json().getInt("articlesCount"), "the total, even past the last page");
        Response byTag = api.get("/api/articles?tag=" + tag + "&limit=2&offset=1");
        assertEquals(7, byTag.json().getInt("articlesCount"));
        assertEquals(List.of("Paged article 6", "Paged article 5"), titles(byTag));
        Response combined = api.get("/api/articles?tag=even" + writer.username() + "&author=" + writer.username());
        assertEquals(3, combined.json().getInt("articlesCount"));
        assertEquals(List.of("Paged article 6", "Paged article 4", "Paged article 2"), titles(combined));
        assertEquals(0, api.get("/api/articles?tag=no-such-tag").json().getInt("articlesCount"));
        assertEquals(0, api.get("/api/articles?author=nobody-at-all").json().getInt("articlesCount"));

        Response all = api.get("/api/articles?limit=100");
        assertEquals(all.json().getInt("articlesCount"), all.json().getJsonArray("articles").size());

        Response feedBefore = api.get("/api/articles/feed", reader.token());
        assertEquals(0, feedBefore.json().getInt("articlesCount"));
        api.post("/api/profiles/" + writer.username() + "/follow", null, reader.token());
        assertEquals(7, api.get("/api/articles/feed?offset=50", reader.token()).json().getInt("articlesCount"));
        Response feed = api.get("/api/articles/feed?limit=2&offset=1", reader.token());
        assertEquals(7, feed.json().getInt("articlesCount"));
        assertEquals(List.of("Paged article 6", "Paged article 5"), titles(feed));
        assertTrue(feed.json().getJsonArray("articles").getJsonObject(0).getJsonObject("author")
                           .getBoolean("following"));
        assertEquals(Status.UNAUTHORIZED_401.code(), api.get("/api/articles/feed").status());
    }

    @Test
    void badPagingAnswers422() {
        for (String query : List.of("limit=abc", "limit=0", "limit=1000", "offset=-1", "offset=x", "limit=2.5")) {
            Response response = api.get("/api/articles?" + query);
            assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), response.status(), query);
            assertTrue(response.json().getJsonObject("errors").size() > 0);
        }
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheErrorsShape() {
        Response unknown = api.get("/api/nothing/here");
        assertEquals(Status.NOT_FOUND_404.code(), unknown.status());
        assertEquals("not found", unknown.errors("route").get(0));
        Response wrongMethod = api.send("PATCH", "/api/articles/some-slug", "{}", Map.of("Content-Type",
                                                                                          "application/json"));
        assertEquals(Status.METHOD_NOT_ALLOWED_405.code(), wrongMethod.status());
        assertEquals("GET, PUT, DELETE", wrongMethod.header("Allow"));
        assertEquals("method not allowed", wrongMethod.errors("body").get(0));
    }

    @Test
    void nulCharactersAreRefusedNotFailed() {
        Api.User author = api.register("nul");
        for (String path : List.of("/api/articles?tag=%00", "/api/articles?author=a%00b", "/api/articles/%00",
                                   "/api/profiles/%00", "/api/articles/%00/comments")) {
            int status = api.get(path).status();
            assertTrue(status == Status.NOT_FOUND_404.code() || status == Status.UNPROCESSABLE_CONTENT_422.code() || status == Status.OK_200.code(), path + " answered " + status);
        }
        Response body = api.post("/api/articles",
                "{\"article\":{\"title\":\"t\\u0000\",\"description\":\"d\",\"body\":\"b\"}}", author.token());
        assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), body.status(), body.body());
        assertEquals(0, api.get("/api/articles?author=" + author.username()).json().getInt("articlesCount"));
    }

    @Test
    void bodiesMustBeJsonAndNotTooLarge() {
        Api.User author = api.register("limits");
        Response plain = api.send("POST", "/api/articles", "title=x",
                                  Map.of("Content-Type", "text/plain", "Authorization", "Token " + author.token()));
        assertEquals(Status.UNSUPPORTED_MEDIA_TYPE_415.code(), plain.status());
        assertFalse(plain.errors("body").isEmpty());
        String huge = "{\"article\":{\"title\":\"t\",\"description\":\"d\",\"body\":\"" + "x".repeat(300_000) + "\"}}";
        Response tooLarge = api.post("/api/articles", huge, author.token());
        assertEquals(Status.REQUEST_ENTITY_TOO_LARGE_413.code(), tooLarge.status());
        assertEquals("request body is too large", tooLarge.errors("body").get(0));
        assertEquals(0, api.get("/api/articles?author=" + author.username()).json().getInt("articlesCount"));
    }

    private static List<String> titles(Response response) {
        return response.json().getJsonArray("articles").getValuesAs(JsonObject.class).stream()
                .map(article -> article.getString("title"))
                .toList();
    }

    private static List<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString::getString);
    }
}
