package dev.inkwell.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import io.helidon.http.Status;
import jakarta.json.JsonObject;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.SilentRelay;
import dev.inkwell.testing.TestApp;
import dev.inkwell.testing.TestServices;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis or PostgreSQL going away or pausing under a running app, and coming back. */
class OutageTest {

    @Test
    void withoutRedisReadsAndSignInsWorkAndRefreshAnswers503() {
        TestServices.Server redis = TestServices.Server.separate("redis", "outage-redis");
        redis.start();
        try (TestApp app = TestApp.start(Map.of("REDIS_URL", "redis://127.0.0.1:" + redis.port(),
                                                "RATE_LIMIT_AUTH_PER_MINUTE", "2"))) {
            Api api = app.api();
            Api.User user = api.register("redisless");
            String slug = api.publish(user, "Survives Redis");
            api.get("/api/articles");

            redis.stop();
            assertEquals(Status.OK_200.code(), api.get("/api/articles").status());
            assertEquals(Status.OK_200.code(), api.get("/api/articles/" + slug).status());
            assertEquals(Status.OK_200.code(), api.get("/api/tags").status());
            assertEquals(Status.CREATED_201.code(), api.post("/api/articles",
                    "{\"article\":{\"title\":\"Written without Redis\",\"description\":\"d\",\"body\":\"b\"}}",
                    user.token()).status());
            assertEquals("Written without Redis", api.get("/api/articles").json().getJsonArray("articles")
                    .getJsonObject(0).getString("title"));
            // Rate limits fail open: more sign-ins than the limit of 2 all go through.
            String login = "{\"user\":{\"email\":\"%s\",\"password\":\"%s\"}}".formatted(user.email(), user.password());
            for (int i = 0; i < 4; i++) {
                Response signedIn = api.post("/api/users/login", login, null);
                assertEquals(Status.OK_200.code(), signedIn.status());
                assertFalse(signedIn.json().getJsonObject("user").containsKey("refreshToken"));
            }
            Response refresh = api.post("/api/auth/refresh", "{\"refreshToken\":\"" + user.refreshToken() + "\"}", null);
            assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), refresh.status());
            assertFalse(refresh.errors("body").isEmpty());
            assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), api.post("/api/auth/logout", "{\"refreshToken\":\"x\"}", null).status());
            assertEquals(Status.OK_200.code(), app.ready().statusCode(), "an instance without Redis still serves");

            redis.start();
            String refreshAgain = "{\"refreshToken\":\"" + user.refreshToken() + "\"}";
            assertTrue(eventually(() -> api.post("/api/auth/refresh", refreshAgain, null).status() == Status.OK_200.code()),
                       "refresh works again once Redis is back");
        } finally {
            redis.stop();
        }
    }

    @Test
    void withoutPostgresTheApiAnswers503AndRecoversByItself() {
        TestServices.Server postgres = TestServices.Server.separate("postgres", "outage-postgres");
        postgres.start();
        try (TestApp app = appGivingUpAfterASecond(postgres, "outage")) {
            Api api = app.api();
            Api.User user = api.register("dbless");
            api.publish(user, "Before the outage");

            postgres.stop();
            Response down = api.get("/api/articles?author=" + user.username());
            assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), down.status(), down.body());
            assertTrue(down.errors("body").get(0).contains("temporarily unavailable"));
            assertFalse(down.body().contains("Exception") || down.body().contains("SQL"));
            assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), api.post("/api/articles",
                    "{\"article\":{\"title\":\"t\",\"description\":\"d\",\"body\":\"b\"}}", user.token()).status());
            assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), app.ready().statusCode());

            postgres.start();
            assertTrue(eventually(() -> app.ready().statusCode() == Status.OK_200.code()), "ready again");
            assertTrue(eventually(() -> api.get("/api/articles?author=" + user.username()).status() == Status.OK_200.code()));
            assertEquals(1, api.get("/api/articles?author=" + user.username()).json().getInt("articlesCount"));
        } finally {
            postgres.stop();
        }
    }

    @Test
    void whilePostgresIsDownAnonymousReadsServedLatelyAnswerWithTheLastValueEvenAfterAWrite() {
        TestServices.Server postgres = TestServices.Server.separate("postgres", "outage-postgres-stale");
        postgres.start();
        try (TestApp app = appGivingUpAfterASecond(postgres, "stale")) {
            Api api = app.api();
            Api.User user = api.register("stale");
            api.publish(user, "Read before the outage");
            assertEquals(List.of("Read before the outage"), titles(api.get("/api/articles")));
            // This write makes the cached list stale (and deletes it from Redis) just before the outage.
            api.publish(user, "Written just before the outage");

            postgres.stop();
            Response list = api.get("/api/articles");
            assertEquals(Status.OK_200.code(), list.status(), list.body());
            assertEquals(List.of("Read before the outage"), titles(list), "the last list this instance served");
            Response neverRead = api.get("/api/articles?author=" + user.username());
            assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), neverRead.status(), "nothing to fall back on: " + neverRead.body());

            postgres.start();
            assertTrue(eventually(() -> titles(api.get("/api/articles")).size() == 2), "fresh again");
            assertEquals(List.of("Written just before the outage", "Read before the outage"), titles(api.get("/api/articles")));
        } finally {
            postgres.stop();
        }
    }

    @Test
    void whilePostgresFallsSilentAnAnonymousReadServedLatelyWaitsNoLongerThanAStatementMay() throws Exception {
        TestServices.Server postgres = TestServices.Server.separate("postgres", "outage-postgres-silent");
        postgres.start();
        try (SilentRelay relay = new SilentRelay(postgres.port())) {
            postgres.newDatabase("silent");
            try (TestApp app = TestApp.start(Map.of("DATABASE_URL", TestServices.postgresUrl(relay.port(), "silent"),
                                                    "DATABASE_CONNECT_TIMEOUT", "PT1S",
                                                    "DATABASE_ACQUIRE_TIMEOUT", "PT10S",
                                                    "DATABASE_STATEMENT_TIMEOUT", "PT1S"))) {
                Api api = app.api();
                Api.User user = api.register("silent");
                api.publish(user, "Read before the silence");
                assertEquals(List.of("Read before the silence"), titles(api.get("/api/articles")));
                api.publish(user, "Written just before the silence");

                // As when the primary's machine vanishes: its connections neither answer nor close.
                relay.goSilent();
                long started = System.nanoTime();
                Response list = api.get("/api/articles");
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertEquals(Status.OK_200.code(), list.status(), list.body());
                assertEquals(List.of("Read before the silence"), titles(list), "the last list this instance served");
                // Waiting for the database instead would take the silent connection's socket
                // time-out (the statement time-out + 3 s) and then the acquire time-out (10 s).
                assertTrue(millis < 4_000, "the read took " + millis + " ms");
            }
        } finally {
            postgres.stop();
        }
    }

    /** An app on a database of its own PostgreSQL, giving up on reaching it after a second. */
    private static TestApp appGivingUpAfterASecond(TestServices.Server postgres, String database) {
        return TestApp.start(Map.of("DATABASE_URL", postgres.newDatabase(database),
                                    "DATABASE_CONNECT_TIMEOUT", "PT1S",
                                    "DATABASE_ACQUIRE_TIMEOUT", "PT1S"));
    }

    private static List<String> titles(Response articles) {
        if (articles.status() != Status.OK_200.code()) {
            return List.of();
        }
        return articles.json().getJsonArray("articles").getValuesAs(JsonObject.class).stream()
                .map(article -> article.getString("title"))
                .toList();
    }

    @Test
    void aDatabasePauseShorterThanTheAcquireTimeoutIsLatencyNotErrors() throws Exception {
        String url = TestServices.get().newDatabase();
        try (TestApp app = TestApp.start(Map.of("DATABASE_URL", url, "DATABASE_POOL_SIZE", "2",
                                                "DATABASE_CONNECT_TIMEOUT", "PT1S",
                                                "DATABASE_ACQUIRE_TIMEOUT", "PT10S"))) {
            Api api = app.api();
            Api.User user = api.register("paused");
            String slug = api.publish(user, "Commented during a pause");
            DatabaseUrl database = DatabaseUrl.parse(url);
            List<Future<Response>> comments = new ArrayList<>();
            // Closed in reverse order: should anything fail, the lock goes before the writers are awaited.
            try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
                 Connection pause = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                 Connection observer = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
                pause.setAutoCommit(false);
                pause.createStatement().execute("LOCK TABLE comments IN ACCESS EXCLUSIVE MODE");
                // Three times as many writers as pooled connections: two wait for the lock, four for a
                // connection, longer than the connect time-out (which must not limit that wait).
                for (int i = 0; i < 6; i++) {
                    String body = "{\"comment\":{\"body\":\"during the pause " + i + "\"}}";
                    comments.add(writers.submit(() -> api.post("/api/articles/" + slug + "/comments", body, user.token())));
                }
                assertTrue(eventually(() -> waitingForALock(observer) == 2), "both pooled connections wait");
                // Readiness does not wait as long as requests do: no connection within 2 s, unready.
                assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), app.ready().statusCode());
                Thread.sleep(2_500);
                pause.commit();
            }
            for (Future<Response> comment : comments) {
                assertEquals(Status.OK_200.code(), comment.get().status(), comment.get().body());
            }
            assertEquals(6, api.get("/api/articles/" + slug + "/comments").json().getJsonArray("comments").size());
        }
    }

    private static int waitingForALock(Connection observer) {
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                                                     + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls for up to 20 seconds. */
    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
