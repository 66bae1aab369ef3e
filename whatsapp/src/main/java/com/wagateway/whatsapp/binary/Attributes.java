package com.wagateway.whatsapp.binary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's attributes in wire order. Baileys keeps attributes in a JS object, so the wire order
 * is JS property order: keys that are array indices ({@code "0"}, {@code "17"}, … up to
 * 2^32−2, no leading zeros) come first in ascending numeric order, then every other key in
 * insertion order; setting a key again replaces its value in place (decode.js assigns
 * {@code attrs[key] = value}). This class applies that rule so that encoding and decoding give
 * the same bytes and the same attribute order as Baileys 7.0.0-rc14.
 */
public final class Attributes {
    private static final Attributes EMPTY = new Attributes(new String[0], new String[0]);

    private final String[] keys;
    private final String[] values;

    private Attributes(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder(4);
    }

    /** Attributes from alternating key, value arguments. */
    public static Attributes of(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of key/value arguments");
        }
        Builder b = new Builder(keyValues.length / 2);
        for (int i = 0; i < keyValues.length; i += 2) {
            b.put(keyValues[i], keyValues[i + 1]);
        }
        return b.build();
    }

    /** Attributes from a map, in the map's iteration order (then JS order, see class doc). */
    public static Attributes of(Map<String, String> map) {
        Builder b = new Builder(map.size());
        map.forEach(b::put);
        return b.build();
    }

    public int size() {
        return keys.length;
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    public String key(int i) {
        return keys[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    /** A read-only copy in wire order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** True when {@code key} is a canonical JS array index (ECMA-262 §6.1.7: 0 … 2^32−2). */
    static boolean isArrayIndex(String key) {
        int n = key.length();
        if (n == 0 || n > 10 || (n > 1 && key.charAt(0) == '0')) {
            return false;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 0xFFFF_FFFEL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes other && Arrays.equals(keys, other.keys)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /** Collects attributes with JS object semantics; see the class doc. */
    public static final class Builder {
        /** Past this many keys a hash index replaces the linear duplicate scan (hostile input). */
        private static final int LINEAR_LIMIT = 8;

        private String[] keys;
        private String[] values;
        private int size;
        private boolean hasIndexKey;
        private Map<String, Integer> positions;
        private boolean built;

        Builder(int expected) {
            int capacity = Math.max(1, Math.min(expected, 64));
            keys = new String[capacity];
            values = new String[capacity];
        }

        public Builder put(String key, String value) {
            if (key == null || value == null) {
                throw new NullPointerException(key == null ? "attribute key" : "attribute value of " + key);
            }
            if (built) {
                throw new IllegalStateException("attributes already built");
            }
            int existing = find(key);
            if (existing >= 0) {
                values[existing] = value;
                return this;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            if (positions != null) {
                positions.put(key, size);
            } else if (size == LINEAR_LIMIT) {
                positions = new HashMap<>();
                for (int i = 0; i <= size; i++) {
                    positions.put(keys[i], i);
                }
            }
            size++;
            hasIndexKey |= isArrayIndex(key);
            return this;
        }

        private int find(String key) {
            if (positions != null) {
                Integer p = positions.get(key);
                return p == null ? -1 : p;
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        /** Builds the attributes; the builder must not be used afterwards. */
        public Attributes build() {
            built = true;
            if (size == 0) {
                return EMPTY;
            }
            // A builder is used once: hand its arrays over when they are exactly full.
            String[] k = size == keys.length ? keys : Arrays.copyOf(keys, size);
            String[] v = size == values.length ? values : Arrays.copyOf(values, size);
            if (hasIndexKey) {
                reorderIndexKeysFirst(k, v);
            }
            return new Attributes(k, v);
        }

        private static void reorderIndexKeysFirst(String[] k, String[] v) {
            List<Integer> index = new ArrayList<>();
            List<Integer> named = new ArrayList<>();
            for (int i = 0; i < k.length; i++) {
                (isArrayIndex(k[i]) ? index : named).add(i);
            }
            index.sort((a, b) -> Long.compare(Long.parseLong(k[a]), Long.parseLong(k[b])));
            index.addAll(named);
            String[] k2 = k.clone();
            String[] v2 = v.clone();
            for (int i = 0; i < k.length; i++) {
                k[i] = k2[index.get(i)];
                v[i] = v2[index.get(i)];
            }
        }
    }
}
