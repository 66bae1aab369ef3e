package com.wagateway.worker.replay;

import java.util.List;

/**
 * What a replay did. {@code read}: records looked at; {@code matched}: of those, in range and session;
 * {@code sent}: delivered (2xx); {@code skipped}: no webhook for them (kind switched off, no webhook for the event);
 * {@code failed}: not delivered, with the first {@value #FAILED_LISTED} event ids (or offsets) in {@code failedEvents}.
 */
public record ReplaySummary(long read, long matched, long sent, long skipped, long failed, List<String> failedEvents) {

    static final int FAILED_LISTED = 100;

    public boolean ok() {
        return failed == 0;
    }
}
