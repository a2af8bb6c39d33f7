package dev.inkwell.profiles;

import dev.inkwell.platform.DomainException;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.Routes;
import dev.inkwell.web.Forms;
import dev.inkwell.web.PageException;
import dev.inkwell.web.Pages;
import dev.inkwell.web.Session;
import dev.inkwell.web.Visitor;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Following and unfollowing writers from their pages (the page itself lists their articles). */
public final class ProfilePages implements HttpService {

    private final ProfileService profiles;
    private final Pages pages;
    private final Forms forms;
    private final RateLimiter rateLimiter;

    public ProfilePages(ProfileService profiles, Pages pages, Forms forms, RateLimiter rateLimiter) {
        this.profiles = profiles;
        this.pages = pages;
        this.forms = forms;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules, "")
                .post("/profile/{username}/follow", (req, res) -> follow(req, res, true))
                .post("/profile/{username}/unfollow", (req, res) -> follow(req, res, false));
    }

    private void follow(ServerRequest req, ServerResponse res, boolean follow) {
        Visitor visitor = pages.visitor(req);
        var form = forms.read(req, visitor);
        Session session = visitor.session().filter(Session::signedIn).orElseThrow(PageException::notSignedIn);
        rateLimiter.checkWrite(session.userId());
        try {
            if (follow) {
                profiles.follow(username(req), session.userId());
            } else {
                profiles.unfollow(username(req), session.userId());
            }
        } catch (DomainException.NotFound e) {
            throw PageException.notFound();
        } catch (DomainException.Invalid e) {
            throw PageException.forbidden("You cannot follow yourself.");
        }
        pages.redirect(res, Forms.localPath(form, "back", "/profile/" + username(req)));
    }

    private static String username(ServerRequest req) {
        return req.path().pathParameters().get("username");
    }
}
