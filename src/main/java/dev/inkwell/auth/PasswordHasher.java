package dev.inkwell.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.inkwell.platform.DomainException;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format, with OWASP's recommended minimum
 * parameters (19 MiB of memory, 2 iterations, 1 lane). The parameters travel with each hash,
 * so they can be raised later without breaking existing passwords.
 * <p>
 * Each hash holds 19 MiB of heap while it runs, so only a few run at once: a burst of sign-ins
 * waits its turn, and one that waits too long answers 503 with {@code Retry-After} instead of
 * exhausting the heap. Hashes run on platform threads of their own: on a virtual thread a hash
 * would hold one of the few carrier threads for its whole run and stall every other request.
 */
public final class PasswordHasher {

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MAX_MEMORY_KIB = 1024 * 1024;
    private static final int MAX_ITERATIONS = 64;
    private static final long RETRY_AFTER_SECONDS = 5;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /**
     * Verified against when the account does not exist, so both cases take as long. It is the hash
     * of a random, forgotten password with today's parameters; it guards no secret.
     */
    private static final String DECOY =
            "$argon2id$v=19$m=19456,t=2,p=1$E0zvbhtCbMGma4pCcKYPLQ$g8+PZlM6Jd7Dlyuo+5pUeJYqtvQbFAgp4gx62Sbm5Kw";

    private final SecureRandom random = new SecureRandom();
    private final Semaphore running;
    private final long waitNanos;
    private final ExecutorService hashing;

    /** At most {@code concurrency} hashes at once; a caller waits up to {@code wait} for its turn. */
    public PasswordHasher(int concurrency, Duration wait) {
        this.running = new Semaphore(concurrency, true);
        this.waitNanos = wait.toNanos();
        this.hashing = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().daemon().name("password-hash-", 0)
                .factory());
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s".formatted(
                MEMORY_KIB, ITERATIONS, PARALLELISM, B64.encodeToString(salt), B64.encodeToString(hash));
    }

    /** False as well for a stored value that is not an Argon2id hash this class can check. */
    public boolean verify(String password, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        int memory = 0;
        int iterations = 0;
        int parallelism = 0;
        byte[] salt;
        byte[] expected;
        try {
            for (String parameter : parts[3].split(",")) {
                String[] kv = parameter.split("=", 2);
                if (kv.length != 2) {
                    return false;
                }
                int value = Integer.parseInt(kv[1]);
                switch (kv[0]) {
                    case "m" -> memory = value;
                    case "t" -> iterations = value;
                    case "p" -> parallelism = value;
                    default -> {
                        return false;
                    }
                }
            }
            salt = B64_DECODER.decode(parts[4]);
            expected = B64_DECODER.decode(parts[5]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        // Bounds keep a damaged row from asking for gigabytes or hours.
        if (parallelism < 1 || parallelism > 16 || memory < 8 * parallelism || memory > MAX_MEMORY_KIB
                || iterations < 1 || iterations > MAX_ITERATIONS || salt.length < 8 || expected.length < 16) {
            return false;
        }
        byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the same effort as a real verification and returns false. */
    public boolean verifyDecoy(String password) {
        verify(password, DECOY);
        return false;
    }

    private byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        try {
            if (!running.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw new DomainException.Busy("too many sign-ins at once, try again shortly", RETRY_AFTER_SECONDS);
            }
            try {
                return hashing.submit(() -> argon2(password, salt, memory, iterations, parallelism, length)).get();
            } finally {
                running.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException.Busy("too many sign-ins at once, try again shortly", RETRY_AFTER_SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }

    private static byte[] argon2(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
