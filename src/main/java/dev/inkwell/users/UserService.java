package dev.inkwell.users;

import java.util.regex.Pattern;

import dev.inkwell.auth.PasswordHasher;
import dev.inkwell.platform.DomainException;
import dev.inkwell.platform.ReadCache;
import dev.inkwell.platform.Validation;
import dev.inkwell.web.CurrentUser;

/** Registration, sign-in and account changes. */
public final class UserService {

    static final int USERNAME_MAX = 40;
    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 128;
    static final int BIO_MAX = 1000;
    static final int IMAGE_MAX = 2000;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final Pattern IMAGE_URL = Pattern.compile("https?://\\S+");

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final ReadCache cache;

    public UserService(UserRepository users, PasswordHasher hasher, ReadCache cache) {
        this.users = users;
        this.hasher = hasher;
        this.cache = cache;
    }

    public User register(NewUser user) {
        Validation validation = new Validation();
        checkUsername(validation, user.username(), true);
        checkEmail(validation, user.email(), true);
        checkPassword(validation, user.password(), true);
        validation.check();
        return users.insert(user.username().strip(), user.email().strip(), hasher.hash(user.password()));
    }

    /** The user with these credentials; wrong ones are refused without saying which part was wrong. */
    public User login(Credentials credentials) {
        String email = credentials.email();
        String password = credentials.password();
        new Validation()
                .text("email", email, true, EMAIL_MAX)
                .text("password", password, true, PASSWORD_MAX)
                .check();
        var user = users.findByEmail(email.strip());
        boolean valid = user.isPresent()
                ? hasher.verify(password, user.get().passwordHash())
                : hasher.verifyDecoy(password);
        if (!valid) {
            throw new DomainException.Unauthenticated("email or password is invalid");
        }
        return user.get();
    }

    /** The signed-in user as the pages' layout shows them. */
    public CurrentUser currentUser(long id) {
        User user = get(id);
        return new CurrentUser(user.username(), user.image());
    }

    public User get(long id) {
        return users.findById(id).orElseThrow(() -> new DomainException.Unauthenticated("the account no longer exists"));
    }

    /**
     * A validated change of an account, not yet saved. It changes the credentials when it sets a
     * new password or another e-mail address (the sign-in name; a change of case only is not one).
     */
    public record AccountChange(User updated, boolean credentialsChanged) {
    }

    /**
     * Checks a change of the fields given; the others keep their value. A new password or e-mail
     * address needs the current password: a stolen token or an unattended browser must not be
     * enough to take the account over. Nothing is saved.
     */
    public AccountChange change(long id, UserChanges changes) {
        User current = get(id);
        String username = changes.username() != null ? changes.username() : current.username();
        String email = changes.email() != null ? changes.email() : current.email();
        String password = changes.password();
        String currentPassword = changes.currentPassword();
        String bio = changes.bio() != null ? emptyToNull(changes.bio()) : current.bio();
        String image = changes.image() != null ? emptyToNull(changes.image()) : current.image();
        Validation validation = new Validation();
        checkUsername(validation, username, true);
        checkEmail(validation, email, true);
        checkPassword(validation, password, false);
        validation.text("bio", bio, false, BIO_MAX).text("image", image, false, IMAGE_MAX);
        if (image != null && !validation.has("image") && !IMAGE_URL.matcher(image).matches()) {
            validation.add("image", "must be an http or https URL");
        }
        boolean credentials = password != null || (email != null && !email.strip().equalsIgnoreCase(current.email()));
        if (credentials) {
            validation.text("currentPassword", currentPassword, false, PASSWORD_MAX);
            if (!validation.has("currentPassword") && (currentPassword == null || currentPassword.isEmpty())) {
                validation.add("currentPassword", "is needed to change the email or password");
            }
        }
        validation.check();
        if (credentials && !hasher.verify(currentPassword, current.passwordHash())) {
            throw new DomainException.Invalid("currentPassword", "is wrong");
        }
        String hash = password == null ? current.passwordHash() : hasher.hash(password);
        return new AccountChange(new User(id, username.strip(), email.strip(), hash, bio, image), credentials);
    }

    /** Saves a checked change; a username or e-mail taken meanwhile answers 409. */
    public User save(AccountChange change) {
        User updated = users.update(change.updated());
        // Articles embed their author's profile.
        cache.invalidate(ReadCache.Regions.ARTICLES, ReadCache.Regions.ARTICLE_PAGES);
        return updated;
    }

    private static void checkUsername(Validation validation, String username, boolean required) {
        validation.text("username", username, required, USERNAME_MAX);
        if (username != null && !validation.has("username") && !USERNAME.matcher(username.strip()).matches()) {
            validation.add("username", "may contain only letters, digits, '.', '_' and '-'");
        }
    }

    private static void checkEmail(Validation validation, String email, boolean required) {
        validation.text("email", email, required, EMAIL_MAX);
        if (email != null && !validation.has("email") && !EMAIL.matcher(email.strip()).matches()) {
            validation.add("email", "is invalid");
        }
    }

    private static void checkPassword(Validation validation, String password, boolean required) {
        validation.text("password", password, required, PASSWORD_MAX);
        if (password != null && !validation.has("password") && password.length() < PASSWORD_MIN) {
            validation.add("password", "is too short (minimum is " + PASSWORD_MIN + " characters)");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
