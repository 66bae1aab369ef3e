package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.client.ClientConfig;
import com.wagateway.whatsapp.client.CredentialStore;
import com.wagateway.whatsapp.client.SessionListener;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.signal.SignalStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What one session's messaging works with. {@code serial} is the session's serial executor (everything here runs
 * on it); {@code online} is whether the session announced itself available (delivery receipts then carry no
 * {@code type}, else {@code inactive}, as the reference); {@code store} keeps the sender-key memory;
 * {@code ackTimeout} bounds the wait for the server's ack of a sent message, {@code inboundKeepTimeout} the wait for
 * the application to keep a received one ({@link ClientConfig#inboundKeepTimeout}).
 */
public record MessagingContext(String sessionId, Stanzas stanzas, SignalStore signalStore, LidMappings lidMappings,
                               Supplier<Credentials> credentials, PreKeySource preKeys, CredentialStore store,
                               SessionListener listener, ScheduledExecutorService scheduler, Executor serial,
                               RandomSource random, Clock clock, Duration ackTimeout, boolean online,
                               int maxSkippedKeys, int retryCacheMessages, int retryCacheBytes,
                               Duration inboundKeepTimeout) {

    /** Without the bounds (source compatibility): the {@link ClientConfig} defaults. */
    public MessagingContext(String sessionId, Stanzas stanzas, SignalStore signalStore, LidMappings lidMappings,
                            Supplier<Credentials> credentials, PreKeySource preKeys, CredentialStore store,
                            SessionListener listener, ScheduledExecutorService scheduler, Executor serial,
                            RandomSource random, Clock clock, Duration ackTimeout, boolean online) {
        this(sessionId, stanzas, signalStore, lidMappings, credentials, preKeys, store, listener, scheduler, serial,
                random, clock, ackTimeout, online, ClientConfig.DEFAULT_MAX_SKIPPED_KEYS,
                ClientConfig.DEFAULT_RETRY_CACHE_MESSAGES, ClientConfig.DEFAULT_RETRY_CACHE_BYTES);
    }

    /** Without {@code inboundKeepTimeout} (source compatibility): {@link ClientConfig#defaultKeepTimeout}. */
    public MessagingContext(String sessionId, Stanzas stanzas, SignalStore signalStore, LidMappings lidMappings,
                            Supplier<Credentials> credentials, PreKeySource preKeys, CredentialStore store,
                            SessionListener listener, ScheduledExecutorService scheduler, Executor serial,
                            RandomSource random, Clock clock, Duration ackTimeout, boolean online,
                            int maxSkippedKeys, int retryCacheMessages, int retryCacheBytes) {
        this(sessionId, stanzas, signalStore, lidMappings, credentials, preKeys, store, listener, scheduler, serial,
                random, clock, ackTimeout, online, maxSkippedKeys, retryCacheMessages, retryCacheBytes,
                ClientConfig.defaultKeepTimeout(ackTimeout));
    }
}
