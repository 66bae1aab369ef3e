package com.wagateway.whatsapp.crypto;

import java.math.BigInteger;

/**
 * Minimal edwards25519 group arithmetic (twisted Edwards, a = -1) for XEdDSA-style signing, which
 * needs {@code k·B} for scalars that BouncyCastle's public Ed25519 API cannot take (it only signs
 * with hashed RFC 8032 seeds). Extended coordinates and the complete unified addition law
 * (Hisil–Wong–Carter–Dawson 2008, "add-2008-hwcd-3"), so no special cases.
 *
 * <p>Not constant-time ({@link BigInteger}); used only for signing, see {@link XEdDsa}.
 */
final class Edwards25519 {

    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** Group order L = 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger D2 = D.shiftLeft(1).mod(P);
    private static final BigInteger TWO = BigInteger.TWO;

    private static final Point BASE;

    static {
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        BigInteger x = recoverX(y, 0);
        BASE = new Point(x, y, BigInteger.ONE, x.multiply(y).mod(P));
    }

    private Edwards25519() {
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

    private static Point multiply(Point point, BigInteger k) {
        Point result = new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            result = add(result, result);
            if (k.testBit(i)) {
                result = add(result, point);
            }
        }
        return result;
    }

    private static Point add(Point p, Point q) {
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

    private static byte[] encode(Point point) {
        BigInteger zInverse = point.z.modInverse(P);
        BigInteger x = point.x.multiply(zInverse).mod(P);
        BigInteger y = point.y.multiply(zInverse).mod(P);
        byte[] out = toLittleEndian32(y);
        if (x.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    private static BigInteger recoverX(BigInteger y, int sign) {
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

    private record Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
    }
}
