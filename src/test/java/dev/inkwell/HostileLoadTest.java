package dev.inkwell;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import dev.inkwell.platform.DatabaseUrl;
import dev.inkwell.testing.Api;
import dev.inkwell.testing.InkwellProcess;
import dev.inkwell.testing.TestApp;
import dev.inkwell.testing.TestServices;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real instance at the shipped JVM flags (scripts/jvm.options: a 128 MB heap that exits on
 * OutOfMemoryError) while clients try to exhaust it: an article with thousands of large comments
 * read as a page and through the API, made-up methods, a crowd of sign-ins and deep offsets. It
 * must stay alive and ready, and keep answering a bystander, the whole time. Attackers may be kept
 * waiting (each request gives up after 20 s); they must not be able to stop the instance.
 */
class HostileLoadTest {

    private static final int LEGACY_COMMENTS = 3_000;

    @Test
    void noClientCanTakeTheInstanceDown() throws Exception {
        String databaseUrl = TestServices.get().newDatabase();
        int[] ports = TestServices.freePorts(2);
        Path log = Path.of("target/hostile-load.log");
        Process process = start(databaseUrl, TestServices.get().newRedis(), ports[0], ports[1], log);
        try {
            Api api = new Api("http://127.0.0.1:" + ports[0]);
            Api admin = new Api("http://127.0.0.1:" + ports[1]);
            assertTrue(InkwellProcess.waitFor(Duration.ofSeconds(60), () -> admin.get("/health/ready").status() == Status.OK_200.code()), "ready: " + Files.readString(log));
            Api.User author = api.register("target");
            String slug = api.publish(author, "Flooded with comments");
            flood(databaseUrl, slug);

            AtomicBoolean attacking = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> bystanderFailures = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
            int bystanderRequests;
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Integer> bystander = clients.submit(() -> bystander(api, admin, attacking, bystanderFailures));
                try (ExecutorService attackers = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < 4; i++) {
                        attackers.submit(() -> readComments(api, slug, 6, outcomes));
                    }
                    attackers.submit(() -> madeUpMethods(ports[0], 300, outcomes));
                    for (int i = 0; i < 16; i++) {
                        attackers.submit(() -> signIns(api, author, 3, outcomes));
                    }
                    attackers.submit(() -> deepOffsets(api, author, 20, outcomes));
                } finally {
                    attacking.set(false);
                }
                bystanderRequests = bystander.get(1, TimeUnit.MINUTES);
            }
            Map<String, Long> answers = outcomes.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
            assertTrue(process.isAlive(), "still running (attackers got " + answers + "): " + tail(log));
            assertTrue(answers.getOrDefault("200", 0L) >= 20, "the attacks were answered: " + answers);
            assertTrue(answers.getOrDefault("405", 0L) == 300, "every made-up method was refused: " + answers);
            assertTrue(bystanderFailures.isEmpty(),
                       "the bystander was always answered: " + bystanderFailures + " (attackers got " + answers + ")");
            assertTrue(bystanderRequests > 10, "the bystander asked throughout: " + bystanderRequests);
            assertEquals(Status.OK_200.code(), admin.get("/health/ready").status());
        } finally {
            process.destroyForcibly();
        }
    }

    /** Comments of 10,000 characters each, more than a page can hold: as written before articles had a cap. */
    private static void flood(String databaseUrl, String slug) throws Exception {
        DatabaseUrl database = DatabaseUrl.parse(databaseUrl);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             var insert = connection.prepareStatement("""
                     INSERT INTO comments (article_id, author_id, body)
                     SELECT a.id, a.author_id, n || repeat('x', 9990) FROM articles a, generate_series(1, ?) n
                     WHERE a.slug = ?""")) {
            insert.setInt(1, LEGACY_COMMENTS);
            insert.setString(2, slug);
            assertEquals(LEGACY_COMMENTS, insert.executeUpdate());
        }
    }

    private static Void readComments(Api api, String slug, int rounds, ConcurrentLinkedQueue<String> outcomes) {
        for (int i = 0; i < rounds; i++) {
            outcomes.add(attempt(() -> api.get("/article/" + slug).status()));
            outcomes.add(attempt(() -> api.get("/api/articles/" + slug + "/comments").status()));
        }
        return null;
    }

    private static Void madeUpMethods(int port, int count, ConcurrentLinkedQueue<String> outcomes) {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++) {
            String method = "M" + i;
            outcomes.add(attempt(() -> client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/articles"))
                            .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        return null;
    }

    private static Void signIns(Api api, Api.User user, int rounds, ConcurrentLinkedQueue<String> outcomes) {
        String body = "{\"user\":{\"email\":\"" + user.email() + "\",\"password\":\"" + user.password() + "\"}}";
        for (int i = 0; i < rounds; i++) {
            outcomes.add(attempt(() -> api.post("/api/users/login", body, null).status()));
        }
        return null;
    }

    private static Void deepOffsets(Api api, Api.User user, int count, ConcurrentLinkedQueue<String> outcomes) {
        for (int i = 0; i < count; i++) {
            int offset = 1_000_000 - i;
            outcomes.add(attempt(() -> api.get("/api/articles?limit=100&offset=" + offset, user.token()).status()));
        }
        return null;
    }

    /** An attacker's answer: its status, or what went wrong (an attacker may be kept waiting). */
    private static String attempt(java.util.concurrent.Callable<Integer> request) {
        try {
            return Integer.toString(request.call());
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    /** Another visitor: reads a list and asks for readiness until the attacks are over. */
    private static int bystander(Api api, Api admin, AtomicBoolean attacking, ConcurrentLinkedQueue<String> failures)
            throws InterruptedException {
        int requests = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (attacking.get() && System.nanoTime() < deadline) {
            try {
                int tags = api.get("/api/tags").status();
                Api.Response ready = admin.get("/health/ready");
                if (tags != Status.OK_200.code() || ready.status() != Status.OK_200.code()) {
                    failures.add("tags " + tags + ", ready " + ready.status() + " " + ready.body());
                }
            } catch (RuntimeException e) {
                failures.add(e.toString());
            }
            requests++;
            Thread.sleep(100);
        }
        return requests;
    }

    private static Process start(String database, String redis, int port, int adminPort, Path log) throws Exception {
        return InkwellProcess.start(List.of("@scripts/jvm.options"), Map.of(
                "DATABASE_URL", database, "REDIS_URL", redis, "JWT_SECRET", TestApp.JWT_SECRET,
                "PORT", Integer.toString(port), "ADMIN_PORT", Integer.toString(adminPort), "WARM_UP_REQUESTS", "0",
                // The crowd of sign-ins is what is tested here, not the per-address limit in front of it.
                "RATE_LIMIT_AUTH_PER_MINUTE", "1000"), log);
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

}
