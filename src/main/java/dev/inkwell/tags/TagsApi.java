package dev.inkwell.tags;

import dev.inkwell.platform.JsonBodies;
import dev.inkwell.platform.ReadCache;
import dev.inkwell.platform.Routes;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static dev.inkwell.platform.JsonBodies.JSON;

/** The tags in use, most used first: {@code /api/tags}. */
public final class TagsApi implements HttpService {

    /** However many tags exist, the answer names at most this many (the most used). */
    static final int MAX_LISTED = 100;

    private final TagRepository tags;
    private final ReadCache cache;

    public TagsApi(TagRepository tags, ReadCache cache) {
        this.tags = tags;
        this.cache = cache;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "/api")
                .get("/tags", this::list)
                .rejectOtherMethods();
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonBodies.send(res, Status.OK_200, cache.get(ReadCache.Regions.TAGS, "all", this::render));
    }

    private String render() {
        return JSON.createObjectBuilder().add("tags", JSON.createArrayBuilder(tags.popular(MAX_LISTED))).build().toString();
    }
}
