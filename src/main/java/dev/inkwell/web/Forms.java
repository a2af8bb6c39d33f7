package dev.inkwell.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;

import dev.inkwell.platform.JsonInput;
import dev.inkwell.platform.Origins;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import jakarta.json.JsonObjectBuilder;

import static dev.inkwell.platform.JsonBodies.JSON;

/**
 * Reads form posts, after checking that they come from one of our own pages: the per-session
 * token must match, and the browser must not say the request came from another site.
 */
public final class Forms {

    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    /** The form's fields; a forged or expired form is refused with a 403 page before anything changes. */
    public Parameters read(ServerRequest req, Visitor visitor) {
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
        if (!visitor.sessionsAvailable()) {
            throw PageException.unavailable();
        }
        Session session = visitor.session().orElseThrow(Forms::expired);
        Parameters form = req.content().as(Parameters.class);
        byte[] sent = form.first("csrf").orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sent, session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw expired();
        }
        return form;
    }

    /** The given fields of a form as service input; absent or empty fields are left out or kept empty. */
    public static JsonInput input(Parameters form, String... fields) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        for (String field : fields) {
            form.first(field).ifPresent(value -> object.add(field, value));
        }
        return JsonInput.of(object.build());
    }

    /** Tags typed as "one, two three" into the list the services take. */
    public static JsonInput withTags(Parameters form, String... fields) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        for (String field : fields) {
            form.first(field).ifPresent(value -> object.add(field, value));
        }
        var tags = JSON.createArrayBuilder();
        Arrays.stream(form.first("tags").orElse("").split("[,\\s]+"))
                .filter(tag -> !tag.isBlank())
                .forEach(tags::add);
        return JsonInput.of(object.add("tagList", tags).build());
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
