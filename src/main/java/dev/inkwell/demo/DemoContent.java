package dev.inkwell.demo;

import java.util.List;

import dev.inkwell.articles.Article;
import dev.inkwell.articles.ArticleService;
import dev.inkwell.articles.NewArticle;
import dev.inkwell.comments.CommentService;
import dev.inkwell.comments.NewComment;
import dev.inkwell.profiles.ProfileService;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.User;
import dev.inkwell.users.UserRepository;
import dev.inkwell.users.UserService;

/** A few users, articles and comments, so a fresh local installation has something to show. */
public final class DemoContent {

    static final String PASSWORD = "inkwell-demo";
    private static final List<String> NAMES = List.of("ada", "grace", "linus");

    private final UserRepository userRepository;
    private final UserService users;
    private final ProfileService profiles;
    private final ArticleService articles;
    private final CommentService comments;

    public DemoContent(UserRepository userRepository, UserService users, ProfileService profiles,
                       ArticleService articles, CommentService comments) {
        this.userRepository = userRepository;
        this.users = users;
        this.profiles = profiles;
        this.articles = articles;
        this.comments = comments;
    }

    /** Loads the content into a database without users, and says what the demo logins are. */
    public String loadIfEmpty() {
        if (userRepository.count() > 0) {
            return "inkwell: demo content not loaded, the database already has users";
        }
        List<User> writers = NAMES.stream()
                .map(name -> users.register(new NewUser(name, name + "@demo.inkwell.test", PASSWORD)))
                .toList();
        profiles.follow("grace", writers.get(0).id());
        Article welcome = publish(writers.get(0), "Welcome to Inkwell",
                                  "What this place is for", """
                                          Inkwell is a place to **write** and to read.

                                          - Follow writers you like and find their work in *Your feed*.
                                          - Favorite articles to keep them at hand.
                                          - Tag what you write so readers can find it.
                                          """, List.of("inkwell", "welcome"));
        publish(writers.get(1), "Notes on compilers", "Why the first compiler was a hard sell",
                "People did not believe a machine could write programs. It can, and it should.",
                List.of("history", "compilers"));
        publish(writers.get(2), "Release early, release often", "On small, frequent changes",
                "Small changes are easier to review, to test and to undo.", List.of("practice"));
        comments.add(welcome.slug(), writers.get(1).id(), new NewComment("Glad to be here!"));
        articles.favorite(writers.get(2).id(), welcome.slug());
        StringBuilder logins = new StringBuilder("inkwell: demo content loaded; sign in with (password '")
                .append(PASSWORD).append("'):");
        writers.forEach(user -> logins.append(System.lineSeparator()).append("  ").append(user.email()));
        return logins.toString();
    }

    private Article publish(User author, String title, String description, String body, List<String> tags) {
        return articles.create(author.id(), new NewArticle(title, description, body, tags));
    }
}
