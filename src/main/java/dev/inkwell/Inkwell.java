package dev.inkwell;

import java.time.Clock;

import dev.inkwell.articles.ArticlePages;
import dev.inkwell.articles.ArticleService;
import dev.inkwell.articles.ArticlesApi;
import dev.inkwell.articles.HomePage;
import dev.inkwell.articles.ProfilePage;
import dev.inkwell.auth.AccessTokens;
import dev.inkwell.auth.Authenticator;
import dev.inkwell.auth.PasswordHasher;
import dev.inkwell.auth.RefreshCookie;
import dev.inkwell.auth.RefreshTokens;
import dev.inkwell.auth.SignIns;
import dev.inkwell.comments.ArticlePage;
import dev.inkwell.comments.CommentPages;
import dev.inkwell.comments.CommentRepository;
import dev.inkwell.comments.CommentService;
import dev.inkwell.comments.CommentsApi;
import dev.inkwell.demo.DemoContent;
import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.CacheSettings;
import dev.inkwell.platform.ClientAddress;
import dev.inkwell.platform.Cors;
import dev.inkwell.platform.Database;
import dev.inkwell.platform.ErrorMapper;
import dev.inkwell.platform.RateLimiter;
import dev.inkwell.platform.ReadCache;
import dev.inkwell.platform.Readiness;
import dev.inkwell.platform.Redis;
import dev.inkwell.platform.RedisSettings;
import dev.inkwell.platform.RequestLog;
import dev.inkwell.platform.Settings;
import dev.inkwell.platform.Telemetry;
import dev.inkwell.profiles.ProfilePages;
import dev.inkwell.profiles.ProfileRepository;
import dev.inkwell.profiles.ProfileService;
import dev.inkwell.profiles.ProfilesApi;
import dev.inkwell.tags.TagRepository;
import dev.inkwell.tags.TagsApi;
import dev.inkwell.users.AccountPages;
import dev.inkwell.users.AuthApi;
import dev.inkwell.users.SignInAttempts;
import dev.inkwell.users.UserRepository;
import dev.inkwell.users.UserService;
import dev.inkwell.users.UsersApi;

import dev.inkwell.web.Assets;
import dev.inkwell.web.ErrorPages;
import dev.inkwell.web.Forms;
import dev.inkwell.web.Markdown;
import dev.inkwell.web.PageException;
import dev.inkwell.web.Pages;
import dev.inkwell.web.PrivatePages;
import dev.inkwell.web.Sessions;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.webserver.http.HttpRouting;

/** The composition root: builds every part of Inkwell once and wires them together. */
public final class Inkwell implements AutoCloseable {

    private final Database database;
    private final Redis redis;
    private final Redis cacheRedis;
    private final Readiness readiness;
    private final RequestLog requestLog;
    private final Cors cors;
    private final UsersApi usersApi;
    private final AuthApi authApi;
    private final ProfilesApi profilesApi;
    private final ArticlesApi articlesApi;
    private final CommentsApi commentsApi;
    private final TagsApi tagsApi;
    private final PrivatePages privatePages = new PrivatePages();
    private final Assets assets = new Assets();
    private final ErrorPages errorPages;
    private final HomePage homePage;
    private final AccountPages accountPages;
    private final ArticlePages articlePages;
    private final ArticlePage articlePage;
    private final ProfilePage profilePage;
    private final CommentPages commentPages;
    private final ProfilePages profilePages;
    private final UserService userService;
    private final ProfileService profileService;
    private final ArticleService articleService;
    private final CommentService commentService;
    private final UserRepository userRepository;

    public Inkwell(Settings settings, MeterRegistry registry, Clock clock) {
        Telemetry telemetry = new Telemetry(registry);
        this.database = new Database(settings.database(), telemetry);
        telemetry.watchPool(database);
        this.redis = new Redis(settings.redis(), telemetry.redisCalls("main"));
        this.cacheRedis = cacheRedis(settings.redis(), settings.cache(), redis, telemetry);
        this.readiness = new Readiness(database, redis, settings.version());
        ClientAddress clientAddress = new ClientAddress(settings.server().trustedProxies());
        this.requestLog = new RequestLog(telemetry, clientAddress);
        this.cors = new Cors(settings.server().corsOrigins());
        ReadCache cache = new ReadCache(cacheRedis, telemetry, settings.cache().ttl(),
                                        settings.database().statementTimeout());
        RateLimiter rateLimiter = new RateLimiter(redis, telemetry, clock,
                                                  settings.limits().authRequestsPerMinute(),
                                                  settings.limits().writesPerMinute(),
                                                  settings.limits().commentsPerMinute());
        AccessTokens accessTokens = new AccessTokens(settings.auth().jwtSecret(), settings.auth().accessTokenTtl(), clock);
        Authenticator authenticator = new Authenticator(accessTokens);
        SignIns signIns = new SignIns(accessTokens, new RefreshTokens(redis, clock, settings.auth().refreshTokenTtl()));
        RefreshCookie refreshCookie = new RefreshCookie(settings.auth().cookieSecure(), settings.auth().cookieSameSite(),
                                                        clock);

        this.userRepository = new UserRepository(database);
        this.userService = new UserService(userRepository,
                new PasswordHasher(settings.auth().passwordHashConcurrency(), settings.auth().passwordHashWait()), cache);
        this.profileService = new ProfileService(new ProfileRepository(database));
        this.articleService = new ArticleService(database, cache);
        this.commentService = new CommentService(new CommentRepository(database), articleService, cache,
                                                 settings.limits().commentsPerArticle());

        SignInAttempts signInAttempts = new SignInAttempts(userService, rateLimiter);
        Sessions sessions = new Sessions(redis, clock, settings.sessions().idleTimeout(),
                                         settings.sessions().maxAge(), settings.auth().cookieSecure());
        this.usersApi = new UsersApi(userService, signInAttempts, signIns, sessions, refreshCookie, authenticator,
                                     rateLimiter, clientAddress);
        this.authApi = new AuthApi(signIns, refreshCookie, userService, cors);
        this.profilesApi = new ProfilesApi(profileService, authenticator, rateLimiter);
        this.articlesApi = new ArticlesApi(articleService, authenticator, rateLimiter, cache,
                                           settings.cache().listWindow());
        this.commentsApi = new CommentsApi(commentService, authenticator, rateLimiter);
        TagRepository tagRepository = new TagRepository(database);
        this.tagsApi = new TagsApi(tagRepository, cache);

        Pages pages = new Pages(assets, sessions, userService::currentUser);
        Forms forms = new Forms(settings.auth().jwtSecret(), clock, sessions);
        this.errorPages = new ErrorPages(pages);
        this.homePage = new HomePage(articleService, tagRepository, pages, cache);
        this.accountPages = new AccountPages(userService, signInAttempts, signIns, pages, forms, sessions, rateLimiter,
                                             clientAddress);
        this.articlePages = new ArticlePages(articleService, pages, forms, rateLimiter);
        this.articlePage = new ArticlePage(articleService, commentService, pages, new Markdown(), cache);
        this.commentPages = new CommentPages(commentService, articlePage, pages, forms, rateLimiter);
        this.profilePage = new ProfilePage(profileService, articleService, pages);
        this.profilePages = new ProfilePages(profileService, pages, forms, rateLimiter);
    }

    /**
     * The cache's own Redis: CACHE_REDIS_URL's, or through the Sentinels the master named
     * CACHE_REDIS_MASTER_NAME (with CACHE_REDIS_URL's credentials, else REDIS_URL's); without
     * either, the main Redis.
     */
    private static Redis cacheRedis(RedisSettings redis, CacheSettings cache, Redis main, Telemetry telemetry) {
        boolean sentinels = !redis.sentinels().isEmpty();
        if (sentinels ? cache.redisMasterName().isEmpty() : cache.redisUrl().isEmpty()) {
            return main;
        }
        String url = cache.redisUrl().isEmpty() ? redis.url() : cache.redisUrl();
        return new Redis(new RedisSettings(url, redis.timeout(), redis.caFile(), redis.sentinels(), cache.redisMasterName()),
                         telemetry.redisCalls("cache"));
    }

    /** The public routes: the JSON API under {@code /api}, the web pages and their assets. */
    public void routing(HttpRouting.Builder routing) {
        routing.addFilter(requestLog)
                .addFilter(cors)
                .addFilter(privatePages)
                .register("/api", usersApi, authApi, profilesApi, articlesApi, commentsApi, tagsApi)
                .any("/api", (req, res) -> {
                    throw ApiException.notFound("route");
                })
                .any("/api/*", (req, res) -> {
                    throw ApiException.notFound("route");
                })
                .register(assets, homePage, accountPages, articlePage, articlePages, commentPages, profilePage,
                          profilePages)
                .any((req, res) -> {
                    throw PageException.notFound();
                });
        ErrorMapper.register(routing, errorPages);
        errorPages.register(routing);
    }

    public Database database() {
        return database;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** The demo content, written through the services as a user would. */
    public DemoContent demoContent() {
        return new DemoContent(userRepository, userService, profileService, articleService, commentService);
    }

    @Override
    public void close() {
        if (cacheRedis != redis) {
            cacheRedis.close();
        }
        redis.close();
        database.close();
    }
}
