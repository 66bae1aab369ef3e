package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import java.time.Duration;
import java.util.List;

/**
 * The server's clock as the session last heard it (§8.1: Baileys 7.x keeps the offset from the {@code t} of
 * {@code success} and {@code pair-success}) and the telemetry built on it. Used on the session's serial executor.
 */
final class ServerClock {

    private static final System.Logger LOG = System.getLogger(ServerClock.class.getName());
    private static final long WEEK_MILLIS = Duration.ofDays(7).toMillis();
    private static final long THREE_DAYS_MILLIS = Duration.ofDays(3).toMillis();

    private final ClientContext context;
    private long offsetMillis;

    ServerClock(ClientContext context) {
        this.context = context;
    }

    /** Takes the server's unix seconds (a missing, unparsable or non-positive value changes nothing). */
    void update(String serverSeconds) {
        if (serverSeconds == null) {
            return;
        }
        try {
            long seconds = Long.parseLong(serverSeconds);
            if (seconds <= 0) {
                return;
            }
            offsetMillis = seconds * 1000 - context.runtime().clock().millis();
            if (Math.abs(offsetMillis) > 60_000) {
                LOG.log(System.Logger.Level.WARNING, "event=clock_skew sessionId={0} offsetMs={1}",
                        context.sessionId(), String.valueOf(offsetMillis));
            }
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=bad_server_time sessionId={0}", context.sessionId());
        }
    }

    /**
     * §6 step 7 / §8.1: Baileys 7.x telemetry after pairing and on open, {@code <ib><unified_session id=…/>} with
     * id = (server-adjusted now + 3 days) mod 1 week, in ms. Servers may ignore it.
     */
    Node unifiedSession() {
        long id = Math.floorMod(context.runtime().clock().millis() + offsetMillis + THREE_DAYS_MILLIS, WEEK_MILLIS);
        return Node.of("ib", Attributes.empty(), List.of(Node.of("unified_session",
                Attributes.of("id", Long.toString(id)))));
    }
}
