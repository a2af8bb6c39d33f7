package dev.inkwell.web;

import java.util.Map;

import dev.inkwell.platform.ErrorMapper;
import dev.inkwell.platform.StickyHeaders;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Error pages in the site's style. They touch neither the database nor Redis, which may be what failed. */
public final class ErrorPages implements ErrorMapper.ErrorPages {

    private final Pages pages;

    public ErrorPages(Pages pages) {
        this.pages = pages;
    }

    /** Page handlers throw {@link PageException}; it is answered here. */
    public void register(HttpRouting.Builder routing) {
        routing.error(PageException.class, (req, res, e) -> {
            StickyHeaders.restore(req, res);
            send(req, res, e.status(), e.getMessage());
        });
    }

    @Override
    public void send(ServerRequest req, ServerResponse res, Status status, String message) {
        String title;
        String text;
        switch (status.code()) {
            case 404 -> {
                title = "Page not found";
                text = "We could not find that page. It may have been moved or deleted.";
            }
            case 403 -> {
                title = "Not allowed";
                text = sentence(message);
            }
            case 429 -> {
                title = "Too many attempts";
                text = "Please wait a minute and try again.";
            }
            case 503 -> {
                title = "Temporarily unavailable";
                text = "Part of Inkwell is temporarily unavailable. Please try again in a minute.";
            }
            default -> {
                if (status.code() >= 500) {
                    title = "Something went wrong";
                    text = "Something went wrong on our side. Please try again.";
                } else {
                    title = "That did not work";
                    text = sentence(message);
                }
            }
        }
        pages.render(req, res, status, Visitor.anonymous(true), "error",
                     Map.of("status", status.code(), "title", title, "message", text));
    }

    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "That is not allowed.";
        }
        String text = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
