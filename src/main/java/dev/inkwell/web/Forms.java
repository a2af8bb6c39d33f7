package dev.inkwell.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.inkwell.platform.Origins;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Reads form posts, after checking that they come from one of our own pages: the form token must
 * match, and the browser must not say the request came from another site.
 *
 * <p>Signed-in visitors' forms carry their session's token. The sign-in and registration forms
 * are shown to anyone, and a session for each of those visitors would let anyone fill Redis, so
 * they carry a signed double-submit token instead: a random value in a short-lived cookie, and in
 * the form its HMAC (keyed from JWT_SECRET, so every instance can check it) with the time it was
 * issued. A page of another site can neither read the cookie nor compute the HMAC.
 */
public final class Forms {

    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");
    private static final String SECURE_COOKIE = "__Host-inkwell_form";
    private static final String PLAIN_COOKIE = "inkwell_form";
    /** How long a sign-in or registration form may stay open before it must be reloaded. */
    private static final Duration ANONYMOUS_FORM_LIFETIME = Duration.ofHours(2);

    private final SecretKeySpec key;
    private final Clock clock;
    private final Sessions sessions;
    private final SecureRandom random = new SecureRandom();

    public Forms(String secret, Clock clock, Sessions sessions) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                                          "inkwell anonymous form tokens"), "HmacSHA256");
        this.clock = clock;
        this.sessions = sessions;
    }

    /** The form's fields; a forged or expired form is refused with a 403 page before anything changes. */
    public Parameters read(ServerRequest req, Visitor visitor) {
        checkSite(req);
        if (!visitor.sessionsAvailable()) {
            throw PageException.unavailable();
        }
        Session session = visitor.session().orElseThrow(Forms::expired);
        Parameters form = req.content().as(Parameters.class);
        checkSessionToken(form, session);
        return form;
    }

    /**
     * A sign-in or registration form: with the session's token when the visitor has a session,
     * else with the signed double-submit token of {@link #token}.
     */
    public Parameters readAnonymous(ServerRequest req, Visitor visitor) {
        checkSite(req);
        if (!visitor.sessionsAvailable()) {
            throw PageException.unavailable();
        }
        Parameters form = req.content().as(Parameters.class);
        if (visitor.session().isPresent()) {
            checkSessionToken(form, visitor.session().get());
            return form;
        }
        String cookie = cookieValue(req).orElseThrow(Forms::expired);
        String sent = form.first("csrf").orElse("");
        int dot = sent.indexOf('.');
        long issued;
        try {
            issued = dot > 0 ? Long.parseLong(sent.substring(0, dot)) : -1;
        } catch (NumberFormatException e) {
            throw expired();
        }
        long age = clock.instant().getEpochSecond() - issued;
        if (issued < 0 || age < 0 || age > ANONYMOUS_FORM_LIFETIME.toSeconds()
                || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                                          anonymousToken(cookie, issued).getBytes(StandardCharsets.UTF_8))) {
            throw expired();
        }
        return form;
    }

    /**
     * The token for a form page: the session's, or for a visitor without one a signed token whose
     * random half goes into a short-lived cookie (kept when the visitor already has one).
     */
    public String token(ServerRequest req, ServerResponse res, Visitor visitor) {
        if (visitor.session().isPresent()) {
            return visitor.session().get().csrfToken();
        }
        String value = cookieValue(req).orElseGet(this::randomValue);
        boolean secure = sessions.isSecure(req);
        res.headers().addCookie(SetCookie.builder(secure ? SECURE_COOKIE : PLAIN_COOKIE, value)
                                        .path("/")
                                        .httpOnly(true)
                                        .secure(secure)
                                        .sameSite(SetCookie.SameSite.LAX)
                                        .maxAge(ANONYMOUS_FORM_LIFETIME)
                                        .build());
        return anonymousToken(value, clock.instant().getEpochSecond());
    }

    private Optional<String> cookieValue(ServerRequest req) {
        return req.headers().cookies().first(sessions.isSecure(req) ? SECURE_COOKIE : PLAIN_COOKIE)
                .filter(v -> v.length() == 43);
    }

    private String anonymousToken(String cookie, long issued) {
        byte[] mac = hmac(key, cookie + "." + issued);
        return issued + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private String randomValue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkSite(ServerRequest req) {
        req.headers().first(HeaderNames.create("Sec-Fetch-Site")).ifPresent(site -> {
            if (!OWN_SITE.contains(site)) {
                throw PageException.forbidden("This form was sent from another site, so it was refused.");
            }
        });
        req.headers().first(HeaderNames.ORIGIN).ifPresent(origin -> {
            if (!Origins.normalize(origin).equals(Origins.of(req))) {
                throw PageException.forbidden("This form was sent from another site, so it was refused.");
            }
        });
    }

    private static void checkSessionToken(Parameters form, Session session) {
        byte[] sent = form.first("csrf").orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sent, session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw expired();
        }
    }

    /** A path on this site from a form field (where to return after a button), or the fallback. */
    public static String localPath(Parameters form, String field, String fallback) {
        String path = form.first(field).orElse("");
        boolean local = path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
                && path.chars().noneMatch(Character::isISOControl);
        return local ? path : fallback;
    }

    private static PageException expired() {
        return PageException.forbidden("This form has expired or did not come from this site. "
                                               + "Please go back, reload the page and try again.");
    }
}
