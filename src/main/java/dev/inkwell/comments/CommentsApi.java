package dev.inkwell.comments;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import dev.inkwell.auth.Authenticator;
import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.JsonBodies;
import dev.inkwell.platform.JsonInput;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.Routes;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Comments on an article: {@code /api/articles/{slug}/comments}. The spec's list has every comment;
 * it is written in batches as they are read (an article takes a bounded number of them), and
 * {@code limit} with {@code after} (the last id seen) pages through them instead.
 */
public final class CommentsApi implements HttpService {

    static final int MAX_LIMIT = 100;
    private static final int BATCH = 100;

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
        Optional<Long> limit = number(req, "limit", 1, MAX_LIMIT);
        long after = number(req, "after", 0, Long.MAX_VALUE).orElse(0L);
        long articleId = comments.articleId(slug(req));
        if (limit.isPresent()) {
            JsonBodies.send(res, Status.OK_200,
                            Comment.listDocument(comments.page(articleId, viewer, after, limit.get().intValue())));
            return;
        }
        streamAll(res, articleId, viewer, after);
    }

    /** Every comment after {@code after}, up to the per-article maximum, read and written a batch at a time. */
    private void streamAll(ServerResponse res, long articleId, long viewer, long after) {
        int max = comments.perArticleMax();
        List<Comment> batch = comments.page(articleId, viewer, after, Math.min(BATCH, max));
        try (OutputStream out = JsonBodies.stream(res, Status.OK_200)) {
            out.write("{\"comments\":[".getBytes(StandardCharsets.UTF_8));
            int sent = 0;
            long last = after;
            while (!batch.isEmpty()) {
                for (Comment comment : batch) {
                    if (sent++ > 0) {
                        out.write(',');
                    }
                    out.write(comment.toJson().getBytes(StandardCharsets.UTF_8));
                    last = comment.id();
                }
                if (batch.size() < BATCH || sent >= max) {
                    break;
                }
                batch = comments.page(articleId, viewer, last, Math.min(BATCH, max - sent));
            }
            out.write("]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        rateLimiter.checkComment(userId);
        JsonInput input = JsonBodies.read(req, "comment");
        NewComment newComment = new NewComment(input.string("body"));
        input.check();
        Comment comment = comments.add(slug(req), userId, newComment);
        JsonBodies.send(res, Status.OK_200, comment.toDocument());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long userId = authenticator.requireUser(req);
        rateLimiter.checkWrite(userId);
        comments.delete(slug(req), req.path().pathParameters().get("id"), userId);
        res.status(Status.NO_CONTENT_204).send();
    }

    private static Optional<Long> number(ServerRequest req, String name, long least, long most) {
        Optional<String> text = req.query().first(name).asOptional();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.get().strip());
            if (value >= least && value <= most) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.validation(name, "must be a whole number from " + least
                                            + (most == Long.MAX_VALUE ? " up" : " to " + most));
    }

    private static String slug(ServerRequest req) {
        return req.path().pathParameters().get("slug");
    }
}
