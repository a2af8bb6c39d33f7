package dev.inkwell.platform;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;

/**
 * A service's route table. Each route is labelled with its path pattern (for metrics and logs),
 * and {@link #rejectOtherMethods()} answers 405 for a known path asked with a method it lacks.
 */
public final class Routes {

    private static final String ROUTE = "inkwell.route";

    private final HttpRules rules;
    private final String prefix;
    private final Map<String, Set<Method>> methods = new LinkedHashMap<>();

    private Routes(HttpRules rules, String prefix) {
        this.rules = rules;
        this.prefix = prefix;
    }

    /** Routes registered on rules mounted at {@code prefix} (used only to label them). */
    public static Routes on(HttpRules rules, String prefix) {
        return new Routes(rules, prefix);
    }

    /** The path pattern of the route that handled the request, if one did. */
    public static String label(ServerRequest request) {
        return request.context().get(ROUTE, String.class).orElse("unmatched");
    }

    public Routes get(String path, Handler handler) {
        return add(Method.GET, path, handler);
    }

    public Routes post(String path, Handler handler) {
        return add(Method.POST, path, handler);
    }

    public Routes put(String path, Handler handler) {
        return add(Method.PUT, path, handler);
    }

    public Routes delete(String path, Handler handler) {
        return add(Method.DELETE, path, handler);
    }

    /** Registers, after all routes, a 405 answer for every listed path. */
    public void rejectOtherMethods() {
        methods.forEach((path, allowed) -> {
            String allow = allowed.stream().map(Method::text).collect(Collectors.joining(", "));
            rules.any(path, (req, res) -> {
                label(req, path);
                throw ApiException.methodNotAllowed(allow);
            });
        });
    }

    private Routes add(Method method, String path, Handler handler) {
        methods.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method);
        rules.route(method, path, (req, res) -> {
            label(req, path);
            handler.handle(req, res);
        });
        return this;
    }

    private void label(ServerRequest request, String path) {
        request.context().register(ROUTE, prefix + path);
    }
}
