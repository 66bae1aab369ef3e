package com.wagateway.worker.waclient;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts messages a session received but could not decrypt ({@code wa_messages_undecryptable_total}). One worker-wide
 * counter, no session tag: thousands of sessions would make thousands of series; the log line names the session.
 */
@FunctionalInterface
public interface UndecryptableCounter {

    UndecryptableCounter NONE = () -> { };

    void increment();

    static UndecryptableCounter of(MeterRegistry registry) {
        Counter counter = Counter.builder("wa.messages.undecryptable")
                .description("Messages received that could not be decrypted (a retry receipt was sent)")
                .register(registry);
        return counter::increment;
    }
}
