package dev.inkwell.platform;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Hears from the Sentinels when a failover of one master begins ({@code +try-failover}), so that
 * commands can wait until the client has moved to the new master. Sentinel lets the old master take
 * writes while it promotes a replica and for seconds after; the client hears of the new master only
 * when the failover ends ({@code +switch-master}: after the promotion and after the other replicas
 * follow the new master, one to a few seconds later), and writes made on the old master meanwhile
 * are lost when it turns replica. The wait ends early when a Sentinel reports the failover aborted
 * ({@code -failover-abort-*}): the old master stays.
 */
final class FailoverWatch implements AutoCloseable {

    /**
     * Longest wait for the client to move: a failover that takes longer has gone wrong. Commands
     * that wait this long cost a slow request; a command let through too early costs a lost write.
     */
    static final Duration LONGEST_HOLD = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(FailoverWatch.class.getName());
    private static final long RECONNECT_MILLIS = 1000;
    private static final String FAILOVER_BEGUN = "+try-failover";
    private static final String FAILOVER_ABORTED = "-failover-abort-*";

    private final String masterName;
    private final Supplier<HostAndPort> currentMaster;
    private final long longestHoldNanos;
    private final List<Listener> listeners = new ArrayList<>();
    private final AtomicReference<Hold> hold = new AtomicReference<>();

    /** {@code currentMaster}: where the client sends commands now (null while it knows of none). */
    FailoverWatch(String masterName, Collection<HostAndPort> sentinels, JedisClientConfig sentinelConfig,
                  Supplier<HostAndPort> currentMaster) {
        this(masterName, sentinels, sentinelConfig, currentMaster, LONGEST_HOLD);
    }

    FailoverWatch(String masterName, Collection<HostAndPort> sentinels, JedisClientConfig sentinelConfig,
                  Supplier<HostAndPort> currentMaster, Duration longestHold) {
        this.masterName = masterName;
        this.currentMaster = currentMaster;
        this.longestHoldNanos = longestHold.toNanos();
        for (HostAndPort sentinel : sentinels) {
            Listener listener = new Listener(sentinel, sentinelConfig);
            listeners.add(listener);
            listener.start();
        }
    }

    /**
     * Waits while a failover that began less than the longest hold ago has not yet moved the client
     * away from the master it had then, nor been aborted.
     */
    void awaitNewMaster() throws InterruptedException {
        for (Hold current = hold.get(); current != null; current = hold.get()) {
            if (!current.from().equals(currentMaster.get())) {
                hold.compareAndSet(current, null);
            } else if (System.nanoTime() - current.until() >= 0) {
                if (hold.compareAndSet(current, null)) {
                    LOG.log(Level.WARNING, "Failover of Redis master " + masterName + " not announced within "
                            + Duration.ofNanos(longestHoldNanos).toSeconds() + " s: commands go to "
                            + current.from() + " again");
                }
            } else {
                Thread.sleep(20);
            }
        }
    }

    /** A Sentinel's event: {@code channel} its type, {@code message} "master <name> <ip> <port>". */
    private void heard(String channel, String message) {
        String[] words = message.split(" ");
        if (words.length != 4 || !words[0].equals("master") || !words[1].equals(masterName)
            || !words[3].matches("[0-9]{1,5}")) {
            return;
        }
        if (channel.equals(FAILOVER_BEGUN)) {
            // A client that has already moved on (the news came late) has nothing to wait for.
            HostAndPort failing = new HostAndPort(words[2], Integer.parseInt(words[3]));
            if (failing.equals(currentMaster.get())) {
                hold.set(new Hold(failing, System.nanoTime() + longestHoldNanos));
                LOG.log(Level.INFO, "Failover of Redis master " + masterName + " begun: commands wait for the new master");
            }
        } else if (hold.getAndSet(null) != null) {
            LOG.log(Level.INFO, "Failover of Redis master " + masterName + " aborted (" + channel + "): commands go on");
        }
    }

    @Override
    public void close() {
        listeners.forEach(Listener::shutdown);
    }

    /** The master being failed over, and when to stop waiting for the client to leave it. */
    private record Hold(HostAndPort from, long until) {
    }

    /** Subscribed to one Sentinel; connects again a second after losing it. */
    private final class Listener extends Thread {
        private final HostAndPort sentinel;
        private final JedisClientConfig config;
        private volatile boolean running = true;
        private volatile boolean warned;
        private volatile Jedis connection;

        Listener(HostAndPort sentinel, JedisClientConfig config) {
            super("redis-failover-watch-" + sentinel);
            this.sentinel = sentinel;
            this.config = config;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try (Jedis jedis = new Jedis(sentinel, config)) {
                    connection = jedis;
                    if (!running) {
                        return;
                    }
                    jedis.psubscribe(new JedisPubSub() {
                        @Override
                        public void onPSubscribe(String pattern, int subscribedChannels) {
                            warned = false;
                        }

                        @Override
                        public void onPMessage(String pattern, String channel, String message) {
                            heard(channel, message);
                        }
                    }, FAILOVER_BEGUN, FAILOVER_ABORTED);
                } catch (JedisException e) {
                    if (running && !warned) {
                        warned = true;
                        LOG.log(Level.WARNING, "Sentinel " + sentinel + " not listened to: " + e.getMessage());
                    }
                }
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void shutdown() {
            running = false;
            Jedis current = connection;
            if (current != null) {
                // Ends the subscription: it fails at once in the listening thread.
                current.close();
            }
            interrupt();
        }
    }
}
