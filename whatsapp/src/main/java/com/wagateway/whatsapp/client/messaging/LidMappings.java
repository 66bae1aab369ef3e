package com.wagateway.whatsapp.client.messaging;

/**
 * The account's LID↔PN mapping at user level (fact sheet §10.0, Baileys {@code LIDMappingStore}): phone-number user
 * ({@code 15550001111}) to LID user ({@code 987654321}) and back. Implementations persist it; calls for one session
 * never overlap.
 */
public interface LidMappings {

    /** The LID user of a phone-number user, or null when unknown. */
    String lidForPn(String pnUser);

    /** The phone-number user of a LID user, or null when unknown. */
    String pnForLid(String lidUser);

    /** Records {@code pnUser ↔ lidUser}; true when it was not known like this before. */
    boolean store(String pnUser, String lidUser);
}
