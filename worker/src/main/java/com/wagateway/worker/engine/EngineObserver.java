package com.wagateway.worker.engine;

import java.time.Duration;

/**
 * What the engine tells the metrics (package {@code metrics}) about its work; the engine itself knows no meter.
 * Called on session mailboxes: implementations must be cheap and thread-safe.
 */
public interface EngineObserver {

    /** @param outcome executed, failed (refused for a reason reported as CommandFailed), duplicate, refused (late), error */
    void commandFinished(String type, String outcome, Duration took);

    /** A message status the engine published (sent, failed, delivered, read). */
    void messageStatus(String status);

    /** From the REST call's acceptance of a send to WhatsApp's acknowledgement of the message ({@code sent}). */
    void sendAcknowledged(Duration sinceAccepted);

    EngineObserver NONE = new EngineObserver() {
        @Override
        public void commandFinished(String type, String outcome, Duration took) {}

        @Override
        public void messageStatus(String status) {}

        @Override
        public void sendAcknowledged(Duration sinceAccepted) {}
    };
}
