package dev.inkwell.web;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;


import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Renders the site's pages from the Thymeleaf templates in {@code templates/}, with what every
 * page needs: the visitor, their form token, a flash message and the asset URLs.
 */
public final class Pages {

    private static final System.Logger LOG = System.getLogger(Pages.class.getName());

    /** Cached pages kept encoded; a handful are hot at any time. */
    private static final int ENCODED_PAGES = 64;

    private final TemplateEngine engine = new TemplateEngine();
    private final Map<String, byte[]> encoded = new ConcurrentHashMap<>();
    private final Display display = new Display();
    private final Assets assets;
    private final Sessions sessions;
    private final LongFunction<CurrentUser> currentUsers;

    public Pages(Assets assets, Sessions sessions, LongFunction<CurrentUser> currentUsers) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        this.assets = assets;
        this.sessions = sessions;
        this.currentUsers = currentUsers;
    }

    /** Who is asking. Without Redis everyone is anonymous, and pages say so where it matters. */
    public Visitor visitor(ServerRequest req) {
        try {
            return new Visitor(sessions.find(req), true);
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Sessions unavailable: " + e.getMessage());
            return Visitor.anonymous(false);
        }
    }

    /**
     * Whether the visitor sees the page every anonymous visitor sees, so it may come from the
     * cache: not signed in, no message waiting, and sessions reachable (else the page carries a
     * notice that must not be cached).
     */
    public boolean seesSharedPage(Visitor visitor) {
        return !visitor.signedIn() && visitor.sessionsAvailable()
                && visitor.session().map(session -> session.flash() == null).orElse(true);
    }

    /** A page as every anonymous visitor sees it, for the cache. */
    public String sharedHtml(String template, Map<String, Object> model) {
        return html(Visitor.anonymous(true), template, model, null);
    }

    /**
     * Sends a page rendered earlier (from the cache). The cache hands out the same string while
     * the page is current, so its UTF-8 bytes are kept too: one non-Latin-1 character (the title's
     * dash) makes encoding a page cost as much as the rest of a cached request.
     */
    public void send(ServerResponse res, String html) {
        byte[] bytes = encoded.get(html);
        if (bytes == null) {
            bytes = html.getBytes(StandardCharsets.UTF_8);
            if (encoded.size() >= ENCODED_PAGES) {
                encoded.clear();
            }
            encoded.put(html, bytes);
        }
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(bytes);
    }

    public void render(ServerRequest req, ServerResponse res, Visitor visitor, String template,
                       Map<String, Object> model) {
        render(req, res, Status.OK_200, visitor, template, model);
    }

    public void render(ServerRequest req, ServerResponse res, Status status, Visitor visitor, String template,
                       Map<String, Object> model) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(html(visitor, template, model, takeFlash(visitor)).getBytes(StandardCharsets.UTF_8));
    }

    /** The page as text, for pages that are cached (anonymous visitors without a flash message). */
    public String html(Visitor visitor, String template, Map<String, Object> model, String flash) {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("visitor", visitor);
        variables.put("assets", assets);
        variables.put("display", display);
        variables.put("flash", flash);
        // Pages for visitors without a session bring their own form token (Forms#token).
        variables.putIfAbsent("csrf", visitor.session().map(Session::csrfToken).orElse(""));
        variables.put("currentUser", currentUser(visitor));
        return compact(engine.process(template, new Context(Locale.ENGLISH, variables)));
    }

    /**
     * Drops the templates' indentation, which is a third of a page's bytes. Pages with
     * preformatted text or text areas keep theirs, since there whitespace is content.
     * A plain loop: this runs on every page, and a regular expression cost a tenth of the CPU.
     */
    static String compact(String html) {
        if (html.contains("<pre") || html.contains("<textarea")) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length());
        int length = html.length();
        for (int i = 0; i < length; i++) {
            char c = html.charAt(i);
            out.append(c);
            if (c == '\n') {
                while (i + 1 < length && (html.charAt(i + 1) == ' ' || html.charAt(i + 1) == '\t')) {
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** Redirects after a form post (303, so the browser follows with a GET). */
    public void redirect(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    /** Redirects with a message for the next page. */
    public void redirect(ServerResponse res, Session session, String location, String flash) {
        sessions.flash(session, flash);
        redirect(res, location);
    }

    private String takeFlash(Visitor visitor) {
        return visitor.session().map(sessions::takeFlash).orElse(null);
    }

    private CurrentUser currentUser(Visitor visitor) {
        return visitor.signedIn() ? currentUsers.apply(visitor.userId()) : null;
    }
}
