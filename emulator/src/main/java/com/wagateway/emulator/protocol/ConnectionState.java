package com.wagateway.emulator.protocol;

/** What a client connection is, after its handshake told us. */
public sealed interface ConnectionState {

    /** Noise handshake not finished. */
    record Handshaking() implements ConnectionState {
    }

    /** A new companion waiting to be paired (registration payload, fact sheet §4.2). */
    record Registering(PendingCompanion companion) implements ConnectionState {
    }

    /** A paired device that logged in (§4.3). */
    record LoggedIn(String phoneNumber, int deviceId) implements ConnectionState {
        public String deviceJid() {
            return phoneNumber + ":" + deviceId + "@s.whatsapp.net";
        }
    }

    /** Refused, replaced, removed or gone. */
    record Closed() implements ConnectionState {
    }
}
