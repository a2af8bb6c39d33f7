package dev.inkwell.platform;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.helidon.dbclient.DbClientException;
import io.helidon.http.BadRequestException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObjectBuilder;
import redis.clients.jedis.exceptions.JedisException;

import static dev.inkwell.platform.JsonBodies.JSON;

/**
 * Maps every failure to a response in one place. API clients see the errors shape and a status,
 * browsers an error page in the site's style; never a stack trace or SQL. Unexpected failures are
 * logged with the request id.
 */
public final class ErrorMapper {

    /** Renders an error page for the browser. */
    public interface ErrorPages {
        void send(ServerRequest req, ServerResponse res, Status status, String message);
    }

    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

    private final ErrorPages pages;

    private ErrorMapper(ErrorPages pages) {
        this.pages = pages;
    }

    public static void register(HttpRouting.Builder routing, ErrorPages pages) {
        ErrorMapper mapper = new ErrorMapper(pages);
        routing.error(ApiException.class, mapper::reply)
                .error(DomainException.class, (req, res, e) -> mapper.reply(req, res, ApiException.from(e)))
                .error(DatabaseUnavailableException.class, mapper::databaseDown)
                .error(DbClientException.class, mapper::database)
                .error(JedisException.class, (req, res, e) -> {
                    LOG.log(Level.WARNING, "Redis unavailable: " + e.getMessage());
                    mapper.reply(req, res, ApiException.unavailable(
                            "a required service is temporarily unavailable, try again shortly"));
                })
                .error(BadRequestException.class, (req, res, e) ->
                        mapper.reply(req, res, ApiException.validation("body", "the request is malformed")))
                .error(HttpException.class, mapper::http)
                .error(Throwable.class, mapper::unexpected);
    }

    /** The status each refusal of a service answers with, on the API and the pages alike. */
    public static Status status(DomainException refusal) {
        return switch (refusal) {
            case DomainException.NotFound notFound -> Status.NOT_FOUND_404;
            case DomainException.Forbidden forbidden -> Status.FORBIDDEN_403;
            case DomainException.Invalid invalid -> Status.UNPROCESSABLE_CONTENT_422;
            case DomainException.Conflict conflict -> Status.CONFLICT_409;
            case DomainException.Unauthenticated unauthenticated -> Status.UNAUTHORIZED_401;
            case DomainException.TooManyRequests tooMany -> Status.TOO_MANY_REQUESTS_429;
            case DomainException.Busy busy -> Status.SERVICE_UNAVAILABLE_503;
        };
    }

    /** Error pages for requests outside the API. */
    public void page(ServerRequest req, ServerResponse res, Status status, String message) {
        StickyHeaders.restore(req, res);
        pages.send(req, res, status, message);
    }

    /**
     * Answers failures found before routing (an oversized body, a malformed request line) in the
     * same errors shape.
     */
    public static DirectHandlers directHandlers() {
        DirectHandler handler = (request, eventType, status, headers, message) -> {
            String text = status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()
                    ? "request body is too large"
                    : "the request is malformed";
            String body = JSON.createObjectBuilder()
                    .add("errors", JSON.createObjectBuilder().add("body", JSON.createArrayBuilder().add(text)))
                    .build().toString();
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                    .entity(body)
                    .build();
        };
        return DirectHandlers.builder().addHandler(DirectHandler.EventType.BAD_REQUEST, handler).build();
    }

    /** Writes an API error. Used by handlers too, for failures found outside routing. */
    public static void send(ServerResponse res, ApiException error) {
        JsonObjectBuilder fields = JSON.createObjectBuilder();
        for (Map.Entry<String, List<String>> entry : error.errors().entrySet()) {
            fields.add(entry.getKey(), JSON.createArrayBuilder(entry.getValue()));
        }
        error.headers().forEach(res::header);
        JsonBodies.send(res, error.status(), JSON.createObjectBuilder().add("errors", fields).build());
    }

    /** An error response on a reset response: the sticky headers go back on first. */
    private void reply(ServerRequest req, ServerResponse res, ApiException e) {
        if (!isApi(req)) {
            StickyHeaders.restore(req, res);
            e.headers().forEach(res::header);
            pages.send(req, res, e.status(), e.errors().values().iterator().next().get(0));
            return;
        }
        StickyHeaders.restore(req, res);
        send(res, e);
    }

    private static boolean isApi(ServerRequest req) {
        String path = req.prologue().uriPath().rawPath();
        return path.equals("/api") || path.startsWith("/api/");
    }

    private void http(ServerRequest req, ServerResponse res, HttpException e) {
        Status status = e.status();
        if (status.code() >= 500) {
            unexpected(req, res, e);
        } else {
            reply(req, res, ApiException.of(status, "body", status.reasonPhrase().toLowerCase()));
        }
    }

    private void database(ServerRequest req, ServerResponse res, DbClientException e) {
        if (isUnavailable(e)) {
            databaseDown(req, res, e);
        } else if (hasSqlState(e, "57014")) {
            // Cancelled by the statement time-out: the request asked for more work than is allowed.
            LOG.log(Level.WARNING, "A statement ran past the statement time-out and was cancelled");
            reply(req, res, ApiException.unavailable("the request took too long, try again or ask for less"));
        } else if (isDataException(e)) {
            reply(req, res, ApiException.validation("body", "contains characters that cannot be stored"));
        } else {
            unexpected(req, res, e);
        }
    }

    private void databaseDown(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.WARNING, "PostgreSQL unavailable: " + rootMessage(e));
        reply(req, res, ApiException.unavailable("the database is temporarily unavailable, try again shortly"));
    }

    private void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        LOG.log(Level.ERROR, "Request failed", e);
        reply(req, res, ApiException.of(Status.INTERNAL_SERVER_ERROR_500, "body", "something went wrong on our side"));
    }

    /** SQLSTATE class 08 (connection exception) or 57P (operator intervention), or a pool time-out. */
    public static boolean isConnectionFailure(Throwable e) {
        return isPoolTimeout(e) || hasSqlState(e, "08", "57P");
    }

    /** No pooled connection could be had within the acquire time-out. */
    static boolean isPoolTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * No server that takes writes is at hand: a connection failure, or a write refused as read-only
     * (SQLSTATE 25006, which changed nothing) by a primary that a failover demoted. Trying again
     * shortly reaches the primary.
     */
    public static boolean isUnavailable(Throwable e) {
        return isConnectionFailure(e) || hasSqlState(e, "25006");
    }

    /** SQLSTATE class 22: the input itself cannot be stored, such as a NUL character in text. */
    static boolean isDataException(Throwable e) {
        return hasSqlState(e, "22");
    }

    /** Whether the exception or one of its causes is an SQLException whose state starts with a prefix. */
    private static boolean hasSqlState(Throwable e, String... prefixes) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                for (String prefix : prefixes) {
                    if (sql.getSQLState().startsWith(prefix)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
