package dev.inkwell.platform;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * when the promotion is announced, about a second later, and writes made on the old master meanwhile
 * are lost when it turns replica.
 */
final class FailoverWatch implements AutoCloseable {

    /** Longest wait for the client to move: a failover that takes longer has gone wrong. */
    static final Duration LONGEST_HOLD = Duration.ofSeconds(3);

    private static final System.Logger LOG = System.getLogger(FailoverWatch.class.getName());
    private static final long RECONNECT_MILLIS = 1000;

    private final String masterName;
    private final Supplier<HostAndPort> currentMaster;
    private final List<Listener> listeners = new ArrayList<>();
    private volatile Hold hold;

    /** {@code currentMaster}: where the client sends commands now (null while it knows of none). */
    FailoverWatch(String masterName, Collection<HostAndPort> sentinels, JedisClientConfig sentinelConfig,
                  Supplier<HostAndPort> currentMaster) {
        this.masterName = masterName;
        this.currentMaster = currentMaster;
        for (HostAndPort sentinel : sentinels) {
            Listener listener = new Listener(sentinel, sentinelConfig);
            listeners.add(listener);
            listener.start();
        }
    }

    /**
     * Waits while a failover that began less than {@link #LONGEST_HOLD} ago has not yet moved the
     * client away from the master it had then.
     */
    void awaitNewMaster() throws InterruptedException {
        for (Hold current = hold; current != null && System.nanoTime() - current.until() < 0
                                  && current.from().equals(currentMaster.get()); current = hold) {
            Thread.sleep(20);
        }
    }

    private void failoverBegan(String message) {
        // "master <name> <ip> <port>"
        String[] words = message.split(" ");
        if (words.length >= 2 && words[0].equals("master") && words[1].equals(masterName)) {
            HostAndPort from = currentMaster.get();
            if (from != null) {
                hold = new Hold(from, System.nanoTime() + LONGEST_HOLD.toNanos());
                LOG.log(Level.INFO, "Failover of Redis master " + masterName + " begun: commands wait for the new master");
            }
        }
    }

    @Override
    public void close() {
        listeners.forEach(Listener::shutdown);
    }

    /** The master the client had when a failover began, and when to stop waiting for it to move. */
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
                    jedis.subscribe(new JedisPubSub() {
                        @Override
                        public void onSubscribe(String channel, int subscribedChannels) {
                            warned = false;
                        }

                        @Override
                        public void onMessage(String channel, String message) {
                            failoverBegan(message);
                        }
                    }, "+try-failover");
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
