package dev.inkwell.platform;

import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * Sends a freshly started instance the reads visitors send most, through its own listener, before
 * it reports ready. A cold JVM interprets its code and needs many times the CPU per request; a load
 * balancer's full share of traffic arriving at once would queue behind that (and behind the pool)
 * for seconds. Bounded by a number of requests and by {@link #BUDGET}; reads only.
 */
public final class WarmUp {

    /** Past this the instance becomes ready anyway: a slow warm-up must not keep it out of service. */
    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final int CONCURRENCY = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());

    private final URI base;
    private final int requests;

    /** {@code base}: the instance's own listener, such as http://127.0.0.1:8080. */
    public WarmUp(URI base, int requests) {
        this.base = base;
        this.requests = requests;
    }

    /** How a warm-up went: requests answered 2xx, the others (no answer or not 2xx), distinct paths asked. */
    public record Outcome(int answered, int failed, int paths, Duration took) {
    }

    public Outcome run() {
        long started = System.nanoTime();
        long deadline = started + BUDGET.toNanos();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> paths;
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT)
                .build();
             var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            paths = paths(client);
            for (int w = 0; w < CONCURRENCY; w++) {
                workers.submit(() -> {
                    int n;
                    while ((n = sent.getAndIncrement()) < requests && System.nanoTime() - deadline < 0) {
                        if (get(client, paths.get(n % paths.size()), n) / 100 == 2) {
                            answered.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
        }
        Outcome outcome = new Outcome(answered.get(), failed.get(), paths.size(),
                                      Duration.ofNanos(System.nanoTime() - started));
        LOG.log(outcome.failed() == 0 ? Level.INFO : Level.WARNING, "Warmed up with %d requests in %d ms (%d failed)"
                .formatted(outcome.answered() + outcome.failed(), outcome.took().toMillis(), outcome.failed()));
        return outcome;
    }

    /** Pages and API reads; those of an article and its author when there is one. */
    private List<String> paths(HttpClient client) {
        List<String> paths = new ArrayList<>(List.of("/", "/api/articles?limit=10", "/api/tags", "/login"));
        try {
            HttpResponse<String> newest = client.send(request("/api/articles?limit=1", -1),
                                                      HttpResponse.BodyHandlers.ofString());
            if (newest.statusCode() == 200) {
                JsonArray articles;
                try (JsonReader reader = Json.createReader(new StringReader(newest.body()))) {
                    articles = reader.readObject().getJsonArray("articles");
                }
                if (!articles.isEmpty()) {
                    JsonObject article = articles.getJsonObject(0);
                    String slug = encode(article.getString("slug"));
                    String author = encode(article.getJsonObject("author").getString("username"));
                    paths.addAll(List.of("/article/" + slug, "/api/articles/" + slug,
                                         "/api/articles/" + slug + "/comments", "/profile/" + author,
                                         "/api/profiles/" + author));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Warm-up without an article: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return paths;
    }

    /** The status, or -1 when there was no answer. */
    private int get(HttpClient client, String path, int n) {
        try {
            return client.send(request(path, n), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest request(String path, int n) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header(RequestLog.REQUEST_ID.defaultCase(), "warm-up-" + n)
                .GET()
                .build();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
