import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A steady, bounded load of reads and writes against the site through its edge, run while a deploy
 * or rollback happens. Every request's outcome counts: any answer other than 2xx, or no answer, is
 * a failed request (a request whose connection closed before any answer is sent again once, as
 * browsers do, and counted apart). Afterwards every write that got a 2xx is read back (it must still
 * be there) and no write may be there twice.
 *
 * <p>Usage: {@code java SteadyLoad.java BASE_URL CA_CERT_PEM STOP_FILE [RATE] [MAX_SECONDS]} (CA_CERT_PEM: the
 * certificates to trust, one or more). Runs
 * until STOP_FILE exists or MAX_SECONDS (default 600) pass, at RATE requests a second (default 100),
 * of which two a second are writes (articles and comments by eight users, each writing an article
 * and then a comment every 8 s, within the edge's and the app's write and comment limits). Prints a summary; exit 0 when nothing failed and nothing written is missing
 * or there twice, 1 otherwise, 2 when the load could not start.
 *
 * <p>With {@code -Dload.journal=FILE} every acknowledged write is also appended to FILE as it happens,
 * one line each: {@code SENT_MS ACKNOWLEDGED_MS article SLUG} or {@code SENT_MS ACKNOWLEDGED_MS comment
 * SLUG ID} (milliseconds since the epoch, when the request was sent and when its 2xx came): after a
 * restore to a point in time T, what was acknowledged before T must be there, what was sent after T not.
 *
 * <p>With {@code -Dload.failures=FILE} every failed request is also appended to FILE as it happens, one
 * line each, {@code HH:MM:SS.mmm ID KIND: WHAT} (UTC), unabridged: a failover's window of failures,
 * by kind of request, is measured from it.
 */
public final class SteadyLoad {

    private static final int WRITERS = 8;
    private static final int WRITES_PER_SECOND = 2;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Requests in flight at most: the client shares one HTTP/2 connection, on which Nginx allows
     * 128 streams; beyond that a browser waits for a free stream, and so does this load.
     */
    private static final int MAX_IN_FLIGHT = 100;
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern SLUG = Pattern.compile("\"slug\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern TITLE = Pattern.compile("\"title\":\"(Load [^\"]+)\"");
    private static final Pattern COMMENT_BODY = Pattern.compile("\"body\":\"(comment \\d+)\"");

    private final HttpClient client;
    private final String base;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final List<String> tokens = new ArrayList<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    /** Articles that got a 2xx: slug to the token of their author; comments: slug to their ids. */
    private final Map<String, String> articles = new ConcurrentHashMap<>();
    private final Map<String, Queue<String>> comments = new ConcurrentHashMap<>();
    private final Semaphore streams = new Semaphore(MAX_IN_FLIGHT);
    /** Milliseconds from the moment each request was due to its answer (waiting for a stream included). */
    private final Queue<Latency> latencies = new ConcurrentLinkedQueue<>();
    private final Queue<String> retried = new ConcurrentLinkedQueue<>();
    private final List<String> writerNames = new ArrayList<>();
    private final Path journal = System.getProperty("load.journal") == null ? null : Path.of(System.getProperty("load.journal"));
    private final Path failuresFile = System.getProperty("load.failures") == null ? null
            : Path.of(System.getProperty("load.failures"));

    private record Latency(long millis, String what) {
    }

    private SteadyLoad(HttpClient client, String base) {
        this.client = client;
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java SteadyLoad.java BASE_URL CA_CERT_PEM STOP_FILE [RATE] [MAX_SECONDS]");
            System.exit(2);
        }
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int maxSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 600;
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trusting(Path.of(args[1])))
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        SteadyLoad load = new SteadyLoad(client, args[0].replaceAll("/$", ""));
        try {
            load.signUpWriters();
        } catch (IOException | IllegalStateException e) {
            System.err.println("load: could not start: " + e.getMessage());
            System.exit(2);
        }
        System.out.println("load: started at " + now() + " (UTC), " + rate + " requests a second");
        long sent = load.run(rate, maxSeconds, Path.of(args[2]));
        long wrong = load.missingOrTwiceWritten();
        System.exit(load.report(sent, wrong) ? 0 : 1);
    }

    /**
     * Trusts exactly the given certificates (the edge's self-signed one; the file may hold several,
     * one for each edge behind a floating address).
     */
    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int n = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry(n++ == 0 ? "edge" : "edge" + n, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private void signUpWriters() throws IOException, InterruptedException {
        for (int i = 0; i < WRITERS; i++) {
            String name = "load" + runId + "w" + i;
            writerNames.add(name);
            HttpRequest.Builder signUp = request("/api/users", null).POST(json(
                    "{\"user\":{\"username\":\"" + name + "\",\"email\":\"" + name + "@load.test\","
                            + "\"password\":\"password123\"}}"));
            HttpResponse<String> response = send(signUp);
            // Sign-ups from one address are rate limited: earlier runs may have used this minute's share.
            for (int attempt = 0; response.statusCode() == 429 && attempt < 3; attempt++) {
                Thread.sleep(1000L * response.headers().firstValueAsLong("Retry-After").orElse(30));
                response = send(signUp);
            }
            Matcher token = TOKEN.matcher(response.body());
            if (response.statusCode() != 201 || !token.find()) {
                throw new IllegalStateException("sign-up answered " + response.statusCode() + ": " + response.body());
            }
            tokens.add(token.group(1));
        }
        // Every writer has an article from the start, for comments and signed-in reads.
        for (int i = 0; i < WRITERS; i++) {
            long sentAt = System.currentTimeMillis();
            HttpResponse<String> response = send(createArticle(i, "first"));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("first article answered " + response.statusCode());
            }
            record(response, tokens.get(i), sentAt);
        }
    }

    /** Sends requests at the given rate until the stop file appears; returns how many were sent. */
    private long run(int rate, int maxSeconds, Path stopFile) throws InterruptedException {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long writeEvery = Math.max(1, rate / WRITES_PER_SECOND);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        long maxRequests = (long) rate * maxSeconds;
        long started = System.nanoTime();
        long sent = 0;
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            while (sent < maxRequests && System.nanoTime() < deadline && (sent % rate != 0 || !Files.exists(stopFile))) {
                long n = sent++;
                // Writes alternate between new articles and comments, and each pair goes to the next
                // writer in turn: every writer stays well within the per-user write and comment limits.
                long write = n % writeEvery == 0 ? n / writeEvery : -1;
                int writer = (int) ((write >= 0 ? write / 2 : n) % WRITERS);
                requests.submit(() -> one(n, writer, write));
                long next = started + sent * intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
        return sent;
    }

    /** Request number n; write is the number of this write, or -1 for a read. */
    private void one(long n, int writer, long write) {
        String token = tokens.get(writer);
        String kind;
        HttpRequest.Builder request;
        if (write >= 0) {
            String slug = anyArticleOf(token);
            if (write % 2 == 0 || slug == null) {
                kind = "POST article";
                request = createArticle(writer, Long.toString(n));
            } else {
                kind = "POST comment";
                request = request("/api/articles/" + slug + "/comments", token)
                        .POST(json("{\"comment\":{\"body\":\"comment " + n + "\"}}"));
            }
        } else {
            switch ((int) (n % 5)) {
                case 0 -> {
                    kind = "GET articles (signed in)";
                    request = request("/api/articles?limit=20", token).GET();
                }
                case 1 -> {
                    kind = "GET article (signed in)";
                    request = request("/api/articles/" + anyArticleOf(token), token).GET();
                }
                case 2 -> {
                    kind = "GET feed";
                    request = request("/api/articles/feed", token).GET();
                }
                case 3 -> {
                    kind = "GET tags";
                    request = request("/api/tags", null).GET();
                }
                default -> {
                    kind = "GET home page";
                    request = HttpRequest.newBuilder(URI.create(base + "/")).timeout(REQUEST_TIMEOUT).GET();
                }
            }
        }
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        // The edge logs this id, so a failed request can be found in its access log.
        String id = "load-" + runId + "-" + n;
        request.header("X-Request-Id", id);
        long due = System.nanoTime();
        long sentAt = System.currentTimeMillis();
        try {
            streams.acquire();
            HttpResponse<String> response;
            try {
                response = sendAgainIfUnanswered(kind, request);
            } finally {
                streams.release();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - due);
                latencies.add(new Latency(millis, now() + " " + id + " " + kind));
            }
            if (response.statusCode() / 100 != 2) {
                failed(id, kind + ": HTTP " + response.statusCode() + " " + abbreviate(response.body()));
            } else if (write >= 0) {
                record(response, token, sentAt);
            }
        } catch (IOException e) {
            failed(id, kind + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(id, kind + ": interrupted");
        }
    }

    private void failed(String id, String what) {
        String line = now() + " " + id + " " + what;
        failures.add(line);
        if (failuresFile != null) {
            append(failuresFile, line);
        }
    }

    private static LocalTime now() {
        return LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A request whose connection closed before any answer is sent again once, as browsers do with
     * the streams of an HTTP/2 connection the server closed with GOAWAY: the server did not process
     * them, whatever their method (RFC 9113, section 6.8). Nginx sends GOAWAY on every reload and
     * after 1,000 requests on a connection; the JDK's client reports such a stream as "EOF reached
     * while reading" instead of sending it again itself. Each is reported, and writes sent again
     * are checked afterwards for having been applied twice. A request that timed out is not sent
     * again: the server may still be working on it.
     */
    private HttpResponse<String> sendAgainIfUnanswered(String kind, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        try {
            return send(request);
        } catch (HttpTimeoutException e) {
            throw e;
        } catch (IOException e) {
            retried.add(LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS) + " " + kind + ": " + e);
            return send(request);
        }
    }

    private String anyArticleOf(String token) {
        return articles.entrySet().stream().filter(e -> e.getValue().equals(token)).map(Map.Entry::getKey)
                .findAny().orElse(null);
    }

    private void record(HttpResponse<String> response, String token, long sentAt) {
        long acknowledgedAt = System.currentTimeMillis();
        String path = response.request().uri().getPath();
        if (path.endsWith("/comments")) {
            Matcher id = ID.matcher(response.body());
            if (id.find()) {
                String slug = path.split("/")[3];
                comments.computeIfAbsent(slug, s -> new ConcurrentLinkedQueue<>()).add(id.group(1));
                journal(sentAt + " " + acknowledgedAt + " comment " + slug + " " + id.group(1));
            }
        } else {
            Matcher slug = SLUG.matcher(response.body());
            if (slug.find()) {
                articles.put(slug.group(1), token);
                journal(sentAt + " " + acknowledgedAt + " article " + slug.group(1));
            }
        }
    }

    private void journal(String line) {
        if (journal != null) {
            append(journal, line);
        }
    }

    private synchronized void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            failures.add(now() + " " + file.getFileName() + ": " + e);
        }
    }

    /**
     * Reads back every article and comment that was acknowledged with a 2xx (missing ones count),
     * and every article and comment of the writers (one written twice counts too).
     */
    private long missingOrTwiceWritten() throws IOException, InterruptedException {
        long wrong = 0;
        // How often each write's text (an article's title, a comment's body) is there.
        Map<String, Integer> copies = new HashMap<>();
        for (String name : writerNames) {
            for (int offset = 0; ; offset += 100) {
                String page = send(request("/api/articles?author=" + name + "&limit=100&offset=" + offset, null)
                                           .GET()).body();
                Matcher title = TITLE.matcher(page);
                int found = 0;
                for (; title.find(); found++) {
                    copies.merge(title.group(1), 1, Integer::sum);
                }
                if (found < 100) {
                    break;
                }
            }
        }
        for (var article : articles.entrySet()) {
            HttpResponse<String> response = send(request("/api/articles/" + article.getKey(), article.getValue()).GET());
            if (response.statusCode() != 200) {
                wrong++;
                System.out.println("missing article " + article.getKey() + ": HTTP " + response.statusCode());
            }
            String page = send(request("/api/articles/" + article.getKey() + "/comments", null).GET()).body();
            Matcher body = COMMENT_BODY.matcher(page);
            while (body.find()) {
                copies.merge(body.group(1), 1, Integer::sum);
            }
            for (String id : comments.getOrDefault(article.getKey(), new ConcurrentLinkedQueue<>())) {
                if (!page.contains("\"id\":" + id + ",")) {
                    wrong++;
                    System.out.println("missing comment " + id + " of " + article.getKey());
                }
            }
        }
        for (var written : copies.entrySet()) {
            if (written.getValue() > 1) {
                wrong++;
                System.out.println("written " + written.getValue() + " times: " + written.getKey());
            }
        }
        return wrong;
    }

    private boolean report(long sent, long wrong) {
        System.out.println("requests sent: " + sent + ", failed: " + failures.size()
                                   + ", sent again after their connection closed unanswered: " + retried.size());
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.println("  " + e.getKey() + ": " + e.getValue()));
        List<Latency> sorted = latencies.stream().sorted(Comparator.comparingLong(Latency::millis)).toList();
        if (!sorted.isEmpty()) {
            System.out.println("latency ms: p50 " + sorted.get(sorted.size() / 2).millis()
                                       + ", p99 " + sorted.get(sorted.size() * 99 / 100).millis()
                                       + ", max " + sorted.getLast().millis());
            // The slowest answers, by the time they came and their id (in the edge's access log).
            sorted.reversed().stream().limit(5)
                    .forEach(slow -> System.out.println("slow: " + slow.millis() + " ms, answered " + slow.what()));
        }
        System.out.println("writes acknowledged: " + articles.size() + " articles, "
                                   + comments.values().stream().mapToInt(Queue::size).sum()
                                   + " comments; missing or written twice afterwards: " + wrong);
        printFirstAndLast("failed", failures.stream().sorted().toList());
        printFirstAndLast("sent again", retried.stream().sorted().toList());
        return failures.isEmpty() && wrong == 0;
    }

    private HttpRequest.Builder createArticle(int writer, String suffix) {
        return request("/api/articles", tokens.get(writer)).POST(json(
                "{\"article\":{\"title\":\"Load " + runId + " " + writer + " " + suffix + "\","
                        + "\"description\":\"written during a deploy\",\"body\":\"Body " + suffix + "\","
                        + "\"tagList\":[\"load\"]}}"));
    }

    /** The first and last few lines (each starts with its UTC time), enough to find the cause. */
    private static void printFirstAndLast(String label, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (i < 8 || i >= lines.size() - 4) {
                System.out.println(label + ": " + lines.get(i));
            } else if (i == 8) {
                System.out.println(label + ": ... " + (lines.size() - 12) + " more ...");
            }
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json");
        return token == null ? builder : builder.header("Authorization", "Token " + token);
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
