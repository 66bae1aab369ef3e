package com.wagateway.emulator.protocol;

import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.signal.PreKeyBundle;
import java.util.Optional;

/**
 * The virtual phones as the server sees them: device 0 of every account, always online, in-process.
 * Implemented by the phone package; the server only hands stanzas over and asks for bundles.
 */
public interface PrimaryPhones {

    /** Hands a stanza to the phone; it is processed asynchronously, in order per phone. */
    void deliver(String phoneNumber, Node stanza);

    /** The phone's pre-key bundle, consuming one of its one-time pre-keys (§10.2). */
    Optional<PreKeyBundle> takeBundle(String phoneNumber);

    /**
     * A companion asked for a media re-upload ({@code <receipt type="server-error">} with {@code <rmr>}); the
     * answer, a {@code <notification type="mediaretry">}, goes to {@code requester} through the outbox.
     */
    default void mediaRetry(DeviceRef requester, Node receipt) {
    }

    /** A companion of this phone's account logged in for the first time (the phone may greet it, §8.6). */
    default void companionFirstLogin(String phoneNumber, int deviceId) {
    }
}
