package com.wagateway.whatsapp.client.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small per-session cache: at most {@code capacity} entries, least recently used out first, each valid for
 * {@code ttlMillis}. The map is allocated on first put, so an idle session pays nothing. Not thread-safe: one
 * session's serial executor owns it.
 */
final class ExpiringLru<K, V> {

    private record Slot<V>(V value, long expiresAt) {}

    private final int capacity;
    private final long ttlMillis;
    private LinkedHashMap<K, Slot<V>> map;

    ExpiringLru(int capacity, long ttlMillis) {
        this.capacity = capacity;
        this.ttlMillis = ttlMillis;
    }

    V get(K key, long nowMillis) {
        Slot<V> e = map == null ? null : map.get(key);
        if (e == null) {
            return null;
        }
        if (e.expiresAt() <= nowMillis) {
            map.remove(key);
            if (map.isEmpty()) {
                map = null;
            }
            return null;
        }
        return e.value();
    }

    void put(K key, V value, long nowMillis) {
        if (map == null) {
            map = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, Slot<V>> eldest) {
                    return size() > capacity;
                }
            };
        }
        map.put(key, new Slot<>(value, nowMillis + ttlMillis));
        trim(nowMillis);
    }

    /** Drops expired entries from the least recently used end, so a session that went quiet lets go of them. */
    private void trim(long nowMillis) {
        var it = map.values().iterator();
        while (it.hasNext() && it.next().expiresAt() <= nowMillis) {
            it.remove();
        }
    }

    void remove(K key) {
        if (map != null) {
            map.remove(key);
        }
    }

    void clear() {
        map = null;
    }

    int size() {
        return map == null ? 0 : map.size();
    }
}
