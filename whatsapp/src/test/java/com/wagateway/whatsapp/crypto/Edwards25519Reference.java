package com.wagateway.whatsapp.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;

/**
 * Test-only reference: the original {@link BigInteger} double-and-add edwards25519 code (variable-time,
 * deliberately simple) that the constant-time {@link Edwards25519} replaced, plus the original
 * BigInteger XEdDSA signing. Used to cross-check field, point, scalar and signature results.
 * Extended coordinates and the complete unified addition law (Hisil–Wong–Carter–Dawson 2008,
 * "add-2008-hwcd-3").
 */
final class Edwards25519Reference {

    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** Group order L = 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger D2 = D.shiftLeft(1).mod(P);
    private static final BigInteger TWO = BigInteger.TWO;

    static final Point BASE;

    static {
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        BigInteger x = recoverX(y, 0);
        BASE = new Point(x, y, BigInteger.ONE, x.multiply(y).mod(P));
    }

    private Edwards25519Reference() {
    }

    /** Encoded {@code k·B} (32 bytes: y little-endian, bit 255 = parity of x). */
    static byte[] scalarMultBaseEncoded(BigInteger k) {
        return encode(multiply(BASE, k));
    }

    /** Little-endian bytes to an unsigned integer. */
    static BigInteger fromLittleEndian(byte[] bytes) {
        byte[] be = new byte[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            be[bytes.length - i] = bytes[i];
        }
        return new BigInteger(be);
    }

    /** An unsigned integer below 2^256 to 32 little-endian bytes. */
    static byte[] toLittleEndian32(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    /** Edwards y for a Montgomery u: {@code (u - 1) / (u + 1)}; 0 when u = -1, as curve25519-js does. */
    static BigInteger montgomeryToEdwardsY(BigInteger u) {
        BigInteger denominator = u.add(BigInteger.ONE).mod(P);
        if (denominator.signum() == 0) {
            return BigInteger.ZERO;
        }
        return u.subtract(BigInteger.ONE).multiply(denominator.modInverse(P)).mod(P);
    }

    static Point multiply(Point point, BigInteger k) {
        Point result = new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (k.testBit(i)) {
                result = add(result, point);
            }
        }
        return result;
    }

    static Point add(Point p, Point q) {
        BigInteger a = p.y.subtract(p.x).multiply(q.y.subtract(q.x)).mod(P);
        BigInteger b = p.y.add(p.x).multiply(q.y.add(q.x)).mod(P);
        BigInteger c = p.t.multiply(D2).multiply(q.t).mod(P);
        BigInteger d = p.z.multiply(TWO).multiply(q.z).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
    }

    static byte[] encode(Point point) {
        BigInteger zInverse = point.z.modInverse(P);
        BigInteger x = point.x.multiply(zInverse).mod(P);
        BigInteger y = point.y.multiply(zInverse).mod(P);
        byte[] out = toLittleEndian32(y);
        if (x.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    static BigInteger recoverX(BigInteger y, int sign) {
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger x2 = y2.subtract(BigInteger.ONE)
                .multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
            BigInteger sqrtMinusOne = TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
            x = x.multiply(sqrtMinusOne).mod(P);
        }
        if (x.testBit(0) != (sign == 1)) {
            x = P.subtract(x);
        }
        return x;
    }

    /** The pre-constant-time {@code XEdDsa.sign} (BigInteger throughout), for cross-checks. */
    static byte[] xeddsaSign(byte[] privateKey, byte[] message) throws Exception {
        byte[] clamped = privateKey.clone();
        clamped[0] &= (byte) 248;
        clamped[31] &= 127;
        clamped[31] |= 64;
        BigInteger a = fromLittleEndian(clamped);
        byte[] publicPoint = scalarMultBaseEncoded(a);
        BigInteger r = fromLittleEndian(sha512(clamped, message)).mod(L);
        byte[] encodedR = scalarMultBaseEncoded(r);
        BigInteger h = fromLittleEndian(sha512(encodedR, publicPoint, message)).mod(L);
        BigInteger s = r.add(h.multiply(a)).mod(L);
        byte[] signature = new byte[64];
        System.arraycopy(encodedR, 0, signature, 0, 32);
        System.arraycopy(toLittleEndian32(s), 0, signature, 32, 32);
        signature[63] |= (byte) (publicPoint[31] & 0x80);
        return signature;
    }

    private static byte[] sha512(byte[]... parts) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-512");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    record Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
    }
}
