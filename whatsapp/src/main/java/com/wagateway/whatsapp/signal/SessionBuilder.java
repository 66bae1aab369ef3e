package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.RandomSource;

/** X3DH session setup as the initiator, from a fetched bundle (fact sheet §9.4). SKELETON: the signal helper implements it. */
public final class SessionBuilder {

    private SessionBuilder() {
    }

    /** Creates (or replaces) the session with {@code remote} from its bundle; later {@link SessionCipher#encrypt} makes pkmsg until a reply. */
    public static void processBundle(SignalStore store, SignalAddress remote, PreKeyBundle bundle, RandomSource random)
            throws SignalException {
        throw new UnsupportedOperationException("signal: processBundle not implemented yet");
    }
}
