package dev.inkwell.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.TestApp;
import dev.inkwell.testing.TestServices;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests that try to make an instance do unbounded work, or to slip past its limits. */
class AbuseTest {

    @Test
    void anArticleTakesABoundedNumberOfCommentsAndAUserABoundedRateOfThem() {
        try (TestApp app = TestApp.start(Map.of("COMMENTS_PER_ARTICLE_MAX", "3",
                                                "RATE_LIMIT_COMMENTS_PER_MINUTE", "4"))) {
            Api api = app.api();
            Api.User author = api.register("popular");
            Api.User fan = api.register("fan");
            String slug = api.publish(author, "Comment magnet");
            String other = api.publish(author, "Second magnet");
            String path = "/api/articles/" + slug + "/comments";
            for (int i = 0; i < 3; i++) {
                assertEquals(Status.OK_200.code(), api.post(path, "{\"comment\":{\"body\":\"c" + i + "\"}}", fan.token()).status());
            }
            Response full = api.post(path, "{\"comment\":{\"body\":\"one too many\"}}", author.token());
            assertEquals(Status.UNPROCESSABLE_CONTENT_422.code(), full.status(), full.body());
            assertTrue(full.errors("body").get(0).contains("reached its 3 comments"), full.body());
            assertEquals(3, api.get(path).json().getJsonArray("comments").size());

            // The fan's fourth comment of the minute goes elsewhere; the fifth is refused.
            assertEquals(Status.OK_200.code(), api.post("/api/articles/" + other + "/comments", "{\"comment\":{\"body\":\"4\"}}",
                                       fan.token()).status());
            Response limited = api.post("/api/articles/" + other + "/comments", "{\"comment\":{\"body\":\"5\"}}",
                                        fan.token());
            assertEquals(Status.TOO_MANY_REQUESTS_429.code(), limited.status());
            assertEquals(1, api.get("/api/articles/" + other + "/comments").json().getJsonArray("comments").size());
        }
    }

    @Test
    void madeUpMethodsShareOneMetricLabel() throws Exception {
        try (TestApp app = TestApp.start()) {
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/tags"))
                                .method("INVENTED" + i, HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(Status.METHOD_NOT_ALLOWED_405.code(), answer.statusCode(), answer.body());
            }
            String metrics = app.admin().get("/metrics").body();
            assertTrue(metrics.contains("method=\"OTHER\""), "unknown methods are counted as OTHER");
            assertFalse(metrics.contains("INVENTED"), "no label takes the client's method");
        }
    }

    @Test
    void theTagListIsBounded() {
        try (TestApp app = TestApp.start()) {
            Api.User writer = app.api().register("tagger");
            for (int article = 0; article < 11; article++) {
                String[] tags = new String[10];
                for (int t = 0; t < 10; t++) {
                    tags[t] = "tag-" + article + "-" + t;
                }
                app.api().publish(writer, "Tagged " + article, tags);
            }
            assertEquals(100, app.api().get("/api/tags").json().getJsonArray("tags").size());
            String sidebar = app.api().get("/").body().split("id=\"popular-tags\"")[1];
            assertEquals(20, sidebar.split("<li>").length - 1, "the home page shows 20 popular tags");
        }
    }

    @Test
    void aStatementPastTheTimeOutIsCancelledAndAnswered503() throws Exception {
        String url = TestServices.get().newDatabase();
        try (TestApp app = TestApp.start(Map.of("DATABASE_URL", url, "DATABASE_STATEMENT_TIMEOUT", "PT1S"))) {
            DatabaseUrl database = DatabaseUrl.parse(url);
            try (Connection lock = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
                lock.setAutoCommit(false);
                lock.createStatement().execute("LOCK TABLE tags IN ACCESS EXCLUSIVE MODE");
                Response slow = app.api().get("/api/tags");
                assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), slow.status(), slow.body());
                assertEquals("the request took too long, try again or ask for less", slow.errors("body").get(0));
                lock.rollback();
            }
            assertEquals(Status.OK_200.code(), app.api().get("/api/tags").status(), "the pool's connections still work");
        }
    }

    @Test
    void passwordHashesRunAFewAtATimeAndTheRestAreToldToRetry() throws Exception {
        try (TestApp app = TestApp.start(Map.of("PASSWORD_HASH_CONCURRENCY", "1", "PASSWORD_HASH_WAIT", "PT0.001S"))) {
            Api.User user = app.api().register("crowd");
            String body = "{\"user\":{\"email\":\"" + user.email() + "\",\"password\":\"" + user.password() + "\"}}";
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 8; i++) {
                    answers.add(clients.submit(() -> {
                        start.await();
                        return app.api().post("/api/users/login", body, null);
                    }));
                }
                start.countDown();
            }
            int signedIn = 0;
            int busy = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                if (response.status() == Status.OK_200.code()) {
                    signedIn++;
                } else {
                    assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), response.status(), response.body());
                    assertEquals("5", response.header("Retry-After"));
                    busy++;
                }
            }
            assertTrue(signedIn >= 1 && busy >= 1, signedIn + " signed in, " + busy + " told to retry");
            assertEquals(Status.OK_200.code(), app.api().post("/api/users/login", body, null).status(), "and afterwards all is well");
        }
    }

    @Test
    void aRedisThatRefusesToCountStopsSignInsInsteadOfLiftingTheLimit() {
        TestServices.Server redis = TestServices.Server.separate("redis", "full-redis");
        redis.start();
        try (TestApp app = TestApp.start(Map.of("REDIS_URL", "redis://127.0.0.1:" + redis.port(),
                                                "RATE_LIMIT_AUTH_PER_MINUTE", "3"))) {
            Api.User user = app.api().register("full");
            try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
                jedis.configSet("maxmemory-policy", "noeviction");
                jedis.configSet("maxmemory", "1");
            }
            String wrong = "{\"user\":{\"email\":\"" + user.email() + "\",\"password\":\"wrong-password\"}}";
            for (int i = 0; i < 6; i++) {
                Response answer = app.api().post("/api/users/login", wrong, null);
                assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), answer.status(), "attempt " + i + ": " + answer.body());
            }
        } finally {
            redis.stop();
        }
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddressWithXForwardedFor() {
        try (TestApp app = TestApp.start(Map.of("TRUSTED_PROXIES", "192.0.2.1", "RATE_LIMIT_AUTH_PER_MINUTE", "2"))) {
            String body = "{\"user\":{\"email\":\"nobody@x.test\",\"password\":\"guess\"}}";
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(app.api().send("POST", "/api/users/login", body,
                                            Map.of("Content-Type", "application/json",
                                                   "X-Forwarded-For", "198.51.100." + i)).status());
            }
            assertEquals(List.of(401, 401, 429, 429), statuses, "one address, however it says it is forwarded");
        }
    }
}
