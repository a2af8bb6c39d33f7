package dev.inkwell.web;


import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Article bodies from Markdown to safe HTML. Raw HTML in the Markdown is shown as text, unsafe
 * link schemes are dropped, and the result passes an allow-list sanitizer as a second line of
 * defence. Links point away with {@code rel="nofollow noopener"}.
 */
public final class Markdown {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener");
                }
            })
            .build();
    private final PolicyFactory policy = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre",
                           "blockquote", "ul", "ol", "li", "a", "img")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").onElements("a")
            .allowAttributes("src", "alt", "title").onElements("img")
            .allowAttributes("title").onElements("a")
            .allowAttributes("start").onElements("ol")
            .allowAttributes("class").matching(false, "language-[a-z0-9+#-]+").onElements("code")
            .requireRelsOnLinks("nofollow", "noopener")
            .toFactory();

    public String toHtml(String markdown) {
        return policy.sanitize(renderer.render(parser.parse(markdown)));
    }

}
