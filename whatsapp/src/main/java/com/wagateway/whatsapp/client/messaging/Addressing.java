package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.auth.Credentials;
import com.wagateway.whatsapp.jid.Jid;

/**
 * Moves JIDs between the phone-number and LID namespaces with the account's {@link LidMappings} (fact sheet §10.0):
 * device N of a PN is device N of its LID; hosted devices map {@code hosted ↔ hosted.lid}.
 */
public final class Addressing {

    private final LidMappings mappings;

    public Addressing(LidMappings mappings) {
        this.mappings = mappings;
    }

    public LidMappings mappings() {
        return mappings;
    }

    public static boolean isPn(Jid jid) {
        return jid.server().equals(Jid.WHATSAPP) || jid.server().equals(Jid.HOSTED);
    }

    public static boolean isLid(Jid jid) {
        return jid.server().equals(Jid.LID) || jid.server().equals(Jid.HOSTED_LID);
    }

    /** This very device (PN or LID form): never a fan-out target. */
    static boolean isExactlyMe(Jid device, Credentials creds) {
        return device.equals(creds.me()) || device.equals(creds.meLid());
    }

    /** Any device of the account itself, by PN or LID user. */
    static boolean isMyUser(Jid jid, Credentials creds) {
        return jid.user().equals(creds.me().user())
                || (creds.meLid() != null && jid.user().equals(creds.meLid().user()));
    }

    /** The LID form of a PN user or device JID when the mapping is known, else null. */
    public Jid lidOf(Jid jid) {
        if (isLid(jid)) {
            return jid;
        }
        if (!isPn(jid)) {
            return null;
        }
        String lid = mappings.lidForPn(jid.user());
        return lid == null ? null
                : Jid.of(lid, jid.device(), jid.server().equals(Jid.HOSTED) ? Jid.HOSTED_LID : Jid.LID);
    }

    /** The PN form of a LID user or device JID when the mapping is known, else null. */
    public Jid pnOf(Jid jid) {
        if (isPn(jid)) {
            return jid;
        }
        if (!isLid(jid)) {
            return null;
        }
        String pn = mappings.pnForLid(jid.user());
        return pn == null ? null
                : Jid.of(pn, jid.device(), jid.server().equals(Jid.HOSTED_LID) ? Jid.HOSTED : Jid.WHATSAPP);
    }

    /** The PN form where known, else the JID itself (how chats and senders are reported). */
    public Jid preferPn(Jid jid) {
        Jid pn = pnOf(jid);
        return pn == null ? jid : pn;
    }

    /** The LID form where known, else the JID itself (how sessions are keyed and bundles fetched). */
    public Jid preferLid(Jid jid) {
        Jid lid = lidOf(jid);
        return lid == null ? jid : lid;
    }

    /**
     * Learns a mapping from any two JIDs of one user, one PN and one LID (order free); true when it is new. Other
     * pairs are ignored.
     */
    public boolean learn(Jid a, Jid b) {
        if (a == null || b == null) {
            return false;
        }
        if (isPn(a) && isLid(b)) {
            return mappings.store(a.user(), b.user());
        }
        if (isLid(a) && isPn(b)) {
            return mappings.store(b.user(), a.user());
        }
        return false;
    }
}
