package dev.inkwell.demo;

import java.util.List;
import java.util.Map;

import dev.inkwell.Inkwell;
import dev.inkwell.articles.Article;
import dev.inkwell.platform.JsonInput;
import dev.inkwell.users.User;

import jakarta.json.JsonObject;

import static dev.inkwell.platform.JsonBodies.JSON;

/** A few users, articles and comments, so a fresh local installation has something to show. */
public final class DemoContent {

    static final String PASSWORD = "inkwell-demo";
    private static final List<String> NAMES = List.of("ada", "grace", "linus");

    private final Inkwell inkwell;

    public DemoContent(Inkwell inkwell) {
        this.inkwell = inkwell;
    }

    /** Loads the content into a database without users, and says what the demo logins are. */
    public String loadIfEmpty() {
        if (inkwell.userRepository().count() > 0) {
            return "inkwell: demo content not loaded, the database already has users";
        }
        List<User> users = NAMES.stream()
                .map(name -> inkwell.users().register(input(Map.of(
                        "username", name, "email", name + "@demo.inkwell.test", "password", PASSWORD))))
                .toList();
        inkwell.profiles().follow("grace", users.get(0).id());
        Article welcome = publish(users.get(0), "Welcome to Inkwell",
                                  "What this place is for", """
                                          Inkwell is a place to **write** and to read.

                                          - Follow writers you like and find their work in *Your feed*.
                                          - Favorite articles to keep them at hand.
                                          - Tag what you write so readers can find it.
                                          """, List.of("inkwell", "welcome"));
        publish(users.get(1), "Notes on compilers", "Why the first compiler was a hard sell",
                "People did not believe a machine could write programs. It can, and it should.",
                List.of("history", "compilers"));
        publish(users.get(2), "Release early, release often", "On small, frequent changes",
                "Small changes are easier to review, to test and to undo.", List.of("practice"));
        inkwell.comments().add(welcome.slug(), users.get(1).id(), input(Map.of("body", "Glad to be here!")));
        inkwell.articles().favorite(users.get(2).id(), welcome.slug());
        StringBuilder logins = new StringBuilder("inkwell: demo content loaded; sign in with (password '")
                .append(PASSWORD).append("'):");
        users.forEach(user -> logins.append(System.lineSeparator()).append("  ").append(user.email()));
        return logins.toString();
    }

    private Article publish(User author, String title, String description, String body, List<String> tags) {
        JsonObject article = JSON.createObjectBuilder()
                .add("title", title).add("description", description).add("body", body)
                .add("tagList", JSON.createArrayBuilder(tags))
                .build();
        return inkwell.articles().create(author.id(), JsonInput.of(article));
    }

    private static JsonInput input(Map<String, String> fields) {
        var object = JSON.createObjectBuilder();
        fields.forEach(object::add);
        return JsonInput.of(object.build());
    }
}
