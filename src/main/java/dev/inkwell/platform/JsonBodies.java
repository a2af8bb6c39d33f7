package dev.inkwell.platform;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/** Reading JSON request bodies strictly and writing JSON responses. */
public final class JsonBodies {

    /** One factory for the whole application: creating them is costly. */
    public static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final io.helidon.http.Header JSON_CONTENT_TYPE =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");

    private JsonBodies() {
    }

    /**
     * Reads the body as a JSON object and returns the object under {@code wrapper}, such as {@code {"user":{...}}}.
     * Wrong content type answers 415; a missing, malformed or mis-shaped body answers 422.
     */
    public static JsonInput read(ServerRequest request, String wrapper) {
        requireJson(request);
        if (!request.content().hasEntity()) {
            throw ApiException.validation("body", "is missing");
        }
        if (!(parse(request) instanceof JsonObject root)) {
            throw ApiException.validation("body", "must be a JSON object");
        }
        JsonValue inner = root.get(wrapper);
        if (inner == null || inner.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.validation(wrapper, "must be an object");
        }
        return new JsonInput(inner.asJsonObject());
    }

    /** Reads an optional JSON body as a plain object; an absent body gives an empty object. */
    public static JsonInput readOptional(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return new JsonInput(JsonValue.EMPTY_JSON_OBJECT);
        }
        requireJson(request);
        if (parse(request) instanceof JsonObject object) {
            return new JsonInput(object);
        }
        throw ApiException.validation("body", "must be a JSON object");
    }

    private static void requireJson(ServerRequest request) {
        var contentType = request.headers().contentType();
        if (contentType.isEmpty() || !contentType.get().test(MediaTypes.APPLICATION_JSON)) {
            throw ApiException.of(Status.UNSUPPORTED_MEDIA_TYPE_415, "body", "Content-Type must be application/json");
        }
    }

    private static JsonStructure parse(ServerRequest request) {
        try (InputStream in = request.content().inputStream();
             JsonReader reader = READERS.createReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.read();
        } catch (JsonException | IllegalStateException | IOException e) {
            // A body over the size limit is only found while reading it: let the server answer 413.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof RequestException tooLarge) {
                    throw tooLarge;
                }
            }
            throw ApiException.validation("body", "is not valid JSON");
        }
    }

    public static void send(ServerResponse response, Status status, JsonValue body) {
        send(response, status, body.toString());
    }

    /**
     * Starts a JSON answer that is written piece by piece, so a long one never sits in memory whole.
     * The caller closes the stream.
     */
    public static OutputStream stream(ServerResponse response, Status status) {
        response.status(status);
        response.header(JSON_CONTENT_TYPE);
        return new BufferedOutputStream(response.outputStream(), 16 * 1024);
    }

    /** Sends an already serialized JSON document. */
    public static void send(ServerResponse response, Status status, String json) {
        response.status(status);
        response.header(JSON_CONTENT_TYPE);
        response.send(json.getBytes(StandardCharsets.UTF_8));
    }
}
