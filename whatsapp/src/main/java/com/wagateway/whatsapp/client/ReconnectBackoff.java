package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.crypto.RandomSource;
import java.time.Duration;

/** The delays of a {@link ReconnectPolicy}: exponential, capped, with part of each delay randomised away. */
final class ReconnectBackoff {

    private ReconnectBackoff() {
    }

    /** Delay before retry {@code attempt} (1 = the first retry). */
    static Duration delay(ReconnectPolicy policy, int attempt, RandomSource random) {
        double base = policy.initialDelay().toMillis() * Math.pow(policy.multiplier(), Math.max(0, attempt - 1));
        double capped = Math.min(base, policy.maxDelay().toMillis());
        double jittered = capped * (1.0 - policy.jitter() * unitFraction(random));
        return Duration.ofMillis(Math.max(0, Math.round(jittered)));
    }

    /** A uniform value in [0, 1). */
    private static double unitFraction(RandomSource random) {
        byte[] b = random.bytes(7);
        long bits = 0;
        for (byte x : b) {
            bits = (bits << 8) | (x & 0xff);
        }
        return (bits >>> 3) / (double) (1L << 53);
    }
}
