package com.wagateway.whatsapp.crypto;

import java.security.MessageDigest;

/** Comparisons whose running time does not depend on where two secrets differ. */
public final class ConstantTime {

    private ConstantTime() {
    }

    /** True when both arrays have the same length and content; time depends only on the lengths. */
    public static boolean equals(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        // MessageDigest.isEqual is documented constant-time for equal lengths since JDK 6u17.
        return MessageDigest.isEqual(a, b);
    }
}
