package dev.inkwell.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.helidon.http.Status;

/** A cookie-keeping HTTP client that fills in and posts the site's forms, as a browser without JavaScript would. */
public final class FormClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    public FormClient(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client signed in as the user through the sign-in form. */
    public static FormClient signedIn(String base, Api.User user) {
        FormClient browser = new FormClient(base);
        HttpResponse<String> response = browser.signIn(user);
        if (response.statusCode() != Status.SEE_OTHER_303.code()) {
            throw new AssertionError("signing in answered " + response.statusCode() + ": " + response.body());
        }
        return browser;
    }

    /** Posts the sign-in form; a session started when it answers 303. */
    public HttpResponse<String> signIn(Api.User user) {
        return submit("/login", "/login", Map.of("email", user.email(), "password", user.password()));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts a form as the page at {@code pagePath} would, with its form token. */
    public HttpResponse<String> submit(String pagePath, String action, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("csrf", csrfOn(pagePath));
        return post(action, all, Map.of());
    }

    public HttpResponse<String> post(String action, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    public String csrfOn(String pagePath) {
        Matcher matcher = CSRF.matcher(get(pagePath).body());
        if (!matcher.find()) {
            throw new IllegalStateException("no form token on " + pagePath);
        }
        return matcher.group(1);
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    public void setCookie(String name, String value) {
        var cookie = new java.net.HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
