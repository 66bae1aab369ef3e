package com.wagateway.whatsapp.client.messaging;

import java.util.HashMap;
import java.util.Map;

/** LID mappings in two maps, for tests. */
final class MapLidMappings implements LidMappings {

    final Map<String, String> forward = new HashMap<>();
    final Map<String, String> reverse = new HashMap<>();

    @Override
    public String lidForPn(String pnUser) {
        return forward.get(pnUser);
    }

    @Override
    public String pnForLid(String lidUser) {
        return reverse.get(lidUser);
    }

    @Override
    public boolean store(String pnUser, String lidUser) {
        reverse.put(lidUser, pnUser);
        return !lidUser.equals(forward.put(pnUser, lidUser));
    }
}
