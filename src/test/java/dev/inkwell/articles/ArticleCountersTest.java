package dev.inkwell.articles;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.ServedApp;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent publishing, retagging, favoriting and deleting by the same few authors on the same
 * few tags (new ones among them): every write succeeds (no deadlock between their row locks) and
 * every counter matches the rows it counts afterwards.
 */
@ServerTest
class ArticleCountersTest {

    private static final List<String> TAGS = List.of("shared", "common", "popular", "rare");
    private static final int WRITERS = 12;
    private static final int WRITES_EACH = 25;

    @RegisterExtension
    static final ServedApp app = new ServedApp(Map.of("RATE_LIMIT_WRITES_PER_MINUTE", "100000"));

    private final Api api;

    ArticleCountersTest(URI uri) {
        this.api = new Api(uri);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void concurrentWritesOnSharedRowsAllSucceedAndKeepEveryCounterExact() throws Exception {
        List<Api.User> authors = List.of(api.register("counted"), api.register("counted"),
                                         api.register("counted"));
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(Thread.startVirtualThread(() -> {
                Api.User author = authors.get(writer % authors.size());
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < WRITES_EACH; i++) {
                    write(author, writer, i, mine, failures);
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals(List.of(), failures);
        try (Connection db = connection(); Statement sql = db.createStatement()) {
            assertEquals(0, count(sql, """
                    SELECT count(*) FROM tags t
                    WHERE articles_count <> (SELECT count(*) FROM article_tags WHERE tag_id = t.id)"""),
                         "tag counts");
            assertEquals(0, count(sql, """
                    SELECT count(*) FROM users u
                    WHERE articles_count <> (SELECT count(*) FROM articles WHERE author_id = u.id)"""),
                         "author counts");
            assertEquals(0, count(sql, """
                    SELECT count(*) FROM articles a
                    WHERE favorites_count <> (SELECT count(*) FROM favorites WHERE article_id = a.id)"""),
                         "favorite counts");
            assertEquals(count(sql, "SELECT count(*) FROM articles"),
                         count(sql, "SELECT sum(articles_count) FROM article_count_slots"), "the total");
            assertTrue(count(sql, "SELECT count(*) FROM articles") > 0);
        }
    }

    /** One write of a writer: mostly publishing, some retagging, favoriting and deleting. */
    private void write(Api.User author, int writer, int i, List<String> mine, List<String> failures) {
        var random = ThreadLocalRandom.current();
        int kind = random.nextInt(10);
        Response response;
        if (kind < 5 || mine.isEmpty()) {
            String article = Json.createObjectBuilder().add("article", Json.createObjectBuilder()
                    .add("title", "Shared title").add("description", "d").add("body", "b")
                    .add("tagList", someTags(writer, i))).build().toString();
            response = api.post("/api/articles", article, author.token());
            if (response.status() == 201) {
                mine.add(response.json().getJsonObject("article").getString("slug"));
            }
        } else if (kind < 7) {
            response = api.put("/api/articles/" + mine.get(random.nextInt(mine.size())),
                                     Json.createObjectBuilder().add("article", Json.createObjectBuilder()
                                             .add("tagList", someTags(writer, i))).build().toString(), author.token());
        } else if (kind < 9) {
            response = api.post("/api/articles/" + mine.get(random.nextInt(mine.size())) + "/favorite", "",
                                      author.token());
        } else {
            response = api.delete("/api/articles/" + mine.removeLast(), author.token());
        }
        if (response.status() / 100 != 2) {
            failures.add(response.status() + " " + response.body());
        }
    }

    /** Some of the shared tags, in any order, and now and then a tag nobody used before. */
    private static JsonArrayBuilder someTags(int writer, int i) {
        var random = ThreadLocalRandom.current();
        List<String> tags = new ArrayList<>(TAGS);
        Collections.shuffle(tags, random);
        JsonArrayBuilder chosen = Json.createArrayBuilder();
        tags.subList(0, random.nextInt(TAGS.size() + 1)).forEach(chosen::add);
        if (random.nextInt(4) == 0) {
            chosen.add("new-" + writer + "-" + i);
        }
        if (random.nextInt(4) == 0) {
            chosen.add("fresh-" + i);
        }
        return chosen;
    }

    private static Connection connection() throws SQLException {
        String url = app.environment().get("DATABASE_URL");
        return DriverManager.getConnection(url.replace("postgresql://inkwell:inkwell@", "jdbc:postgresql://"),
                                           "inkwell", "inkwell");
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
