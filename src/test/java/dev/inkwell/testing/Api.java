package dev.inkwell.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.http.Status;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A small HTTP client for the JSON API of one Inkwell. */
public final class Api {

    private static final AtomicInteger USERS = new AtomicInteger();

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(String base) {
        this.base = base;
    }

    /** For the server Helidon's test support started (its URI ends in a slash). */
    public Api(URI uri) {
        this(ServedApp.base(uri));
    }

    /** A response whose body, if any, is JSON. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The messages for one field of an errors document. */
        public java.util.List<String> errors(String field) {
            return json().getJsonObject("errors").getJsonArray(field).getValuesAs(jakarta.json.JsonString::getString);
        }
    }

    public Response get(String path) {
        return send("GET", path, null, (String) null);
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token);
    }

    public Response post(String path, String json, String token) {
        return send("POST", path, json, token);
    }

    public Response put(String path, String json, String token) {
        return send("PUT", path, json, token);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    public Response send(String method, String path, String json, String token) {
        Map<String, String> headers = new HashMap<>();
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        if (token != null) {
            headers.put("Authorization", "Token " + token);
        }
        return send(method, path, json, headers);
    }

    public Response send(String method, String path, String body, Map<String, String> headers) {
        HttpResponse<String> response = raw(method, path, body, headers);
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    public HttpResponse<String> raw(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A signed-in user of this test run. */
    public record User(String username, String email, String password, String token, String refreshToken) {
    }

    /** Registers a new user with a unique name and returns its credentials and tokens. */
    public User register(String prefix) {
        String username = prefix + USERS.incrementAndGet() + "x" + ProcessHandle.current().pid() % 1000;
        String email = username + "@test.inkwell.test";
        String password = "password-" + username;
        Response response = post("/api/users", """
                {"user":{"username":"%s","email":"%s","password":"%s"}}""".formatted(username, email, password), null);
        assertEquals(Status.CREATED_201.code(), response.status(), response.body());
        JsonObject user = response.json().getJsonObject("user");
        return new User(username, email, password, user.getString("token"), user.getString("refreshToken"));
    }

    /** Publishes an article and returns its slug. */
    public String publish(User author, String title, String... tags) {
        var tagList = Json.createArrayBuilder();
        for (String tag : tags) {
            tagList.add(tag);
        }
        String body = Json.createObjectBuilder().add("article", Json.createObjectBuilder()
                .add("title", title).add("description", "About " + title).add("body", "Body of " + title)
                .add("tagList", tagList)).build().toString();
        Response response = post("/api/articles", body, author.token());
        assertEquals(Status.CREATED_201.code(), response.status(), response.body());
        return response.json().getJsonObject("article").getString("slug");
    }
}
