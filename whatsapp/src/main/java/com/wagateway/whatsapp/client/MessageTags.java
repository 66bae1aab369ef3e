package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.crypto.RandomSource;

/**
 * Stanza ids as the reference makes them (fact sheet §8.3, Baileys {@code generateMdTagPrefix}): a random
 * {@code "<u16>.<u16>-"} prefix per connection, then a counter from 1.
 */
final class MessageTags {

    private final String prefix;
    private int next = 1;

    MessageTags(RandomSource random) {
        byte[] b = random.bytes(4);
        prefix = (((b[0] & 0xff) << 8) | (b[1] & 0xff)) + "." + (((b[2] & 0xff) << 8) | (b[3] & 0xff)) + "-";
    }

    String next() {
        return prefix + next++;
    }
}
