package dev.inkwell.comments;

import java.util.List;

import dev.inkwell.auth.Authenticator;
import dev.inkwell.platform.JsonBodies;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.Routes;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static dev.inkwell.platform.JsonBodies.JSON;

/** Comments on an article: {@code /api/articles/{slug}/comments}. */
public final class CommentsApi implements HttpService {

    private final CommentService comments;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;

    public CommentsApi(CommentService comments, Authenticator authenticator, RateLimiter rateLimiter) {
        this.comments = comments;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "/api")
                .get("/articles/{slug}/comments", this::list)
                .post("/articles/{slug}/comments", this::add)
                .delete("/articles/{slug}/comments/{id}", this::delete)
                .rejectOtherMethods();
    }

    private void list(ServerRequest req, ServerResponse res) {
        long viewer = authenticator.optionalUser(req).orElse(0);
        List<Comment> list = comments.list(slug(req), viewer);
        var array = JSON.createArrayBuilder();
        list.forEach(comment -> array.add(comment.toJson()));
        JsonBodies.send(res, Status.OK_200, JSON.createObjectBuilder().add("comments", array).build());
    }

    private void add(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        Comment comment = comments.add(slug(req), userId, JsonBodies.read(req, "comment"));
        JsonBodies.send(res, Status.OK_200, JSON.createObjectBuilder().add("comment", comment.toJson()).build());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        comments.delete(slug(req), req.path().pathParameters().get("id"), userId);
        res.status(Status.NO_CONTENT_204).send();
    }

    private static String slug(ServerRequest req) {
        return req.path().pathParameters().get("slug");
    }
}
