package com.wagateway.whatsapp.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Constant-time edwards25519 base-point multiplication (twisted Edwards, a = -1) for XEdDSA-style
 * signing, which needs {@code k·B} for raw scalars that BouncyCastle's public Ed25519 API cannot take
 * (it only signs with hashed RFC 8032 seeds, and its {@code scalarMultBaseYZ} needs a friend token).
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>Field GF(2^255-19)</b>: BouncyCastle's public {@link X25519Field} ({@code int[10]}, radix
 *       2^25.5). Its add/sub/apm/mul/sqr/carry/normalize/encode/decode are straight-line limb code,
 *       and {@code cmov}/{@code cswap}/{@code cnegate} are mask-based (no branch, no data-dependent
 *       index). Inversion is <em>ours</em> ({@link #invert}): Fermat's {@code z^(p-2)} with the fixed
 *       ref10 addition chain (254 squarings, 11 multiplications), so it does not rely on the
 *       implementation of {@code X25519Field.inv}, which has changed between BouncyCastle releases.</li>
 *   <li><b>Points</b>: extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z. Addition is the
 *       unified, complete law "add-2008-hwcd-3" (valid for every pair of curve points, including
 *       P + P, P + (-P) and the identity, because d is a non-square), doubling is "dbl-2008-hwcd".
 *       Neither formula has any case distinction.</li>
 *   <li><b>Base multiplication</b>: ref10's fixed window. The scalar (32 bytes little-endian, below
 *       2^255) is recoded into 64 signed radix-16 digits e[i] in [-8, 8] with
 *       {@code k = Σ e[i]·16^i}; then {@code k·B = Σ_odd e[i]·16^i·B + Σ_even e[i]·16^i·B}
 *       = {@code 16·(Σ_j e[2j+1]·256^j·B) + Σ_j e[2j]·256^j·B}. The table built at class
 *       initialisation holds, for each block j in 0..31, the points m·256^j·B for m = 1..8 in affine
 *       "precomputed" form (y+x, y-x, 2d·x·y). Sign = 32 mixed additions, 4 doublings, 32 more mixed
 *       additions, one inversion.</li>
 * </ul>
 *
 * <h2>Why this is constant-time with respect to the scalar</h2>
 * <ul>
 *   <li>The number and order of field operations in {@link #scalarMultBase} is fixed: the loops run
 *       over public bounds (64 digits, 8 table entries per block, 4 doublings) and the point formulas
 *       are complete, so the identity (digit 0) and doubling-like cases need no branch.</li>
 *   <li>Digit recoding uses only shifts, masks and adds on ints.</li>
 *   <li>Table lookup ({@link #select}) reads <em>all</em> 8 entries of the block (the block number is
 *       the public loop counter) and keeps the wanted one with {@code X25519Field.cmov} under a mask
 *       computed arithmetically from the digit; a negative digit is applied with
 *       {@code cswap}/{@code cnegate} under a mask, never with an {@code if} or an array index.</li>
 *   <li>Encoding inverts Z with a fixed exponentiation chain and extracts x's parity with a shift
 *       and a mask.</li>
 * </ul>
 * The usual JVM caveat applies: Java gives no formal guarantee about generated machine code; the code
 * avoids everything that is known to compile to secret-dependent branches or memory addresses
 * (conditionals, short-circuit operators, table indices, {@link BigInteger}).
 *
 * <p>The {@link BigInteger} helpers at the bottom operate only on <em>public</em> data (public keys
 * during verification, constants at class initialisation).
 */
final class Edwards25519 {

    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** Group order L = 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D_INT = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

    private static final int SIZE = X25519Field.SIZE;
    /** 2d as a field element. */
    private static final int[] D2 = fieldElement(D_INT.shiftLeft(1).mod(P));

    static final int TABLE_BLOCKS = 32;
    static final int TABLE_POINTS = 8;
    private static final int PRECOMP_INTS = 3 * SIZE;
    /** Block j, entry m-1: (y+x, y-x, 2dxy) of m·256^j·B, normalised; read only through {@link #select}. */
    private static final int[] BASE_TABLE;
    /** The base point B (y = 4/5, x even) in extended coordinates. */
    private static final Point BASE;

    static {
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        BigInteger x = recoverX(y, 0);
        BASE = new Point();
        BASE.x = fieldElement(x);
        BASE.y = fieldElement(y);
        X25519Field.one(BASE.z);
        X25519Field.mul(BASE.x, BASE.y, BASE.t);
        BASE_TABLE = buildBaseTable();
    }

    private Edwards25519() {
    }

    // ---------------------------------------------------------------------------------------------
    // Secret-data path (constant-time)
    // ---------------------------------------------------------------------------------------------

    /**
     * Encoded {@code k·B} (32 bytes: y little-endian, bit 255 = parity of x) for a 32-byte
     * little-endian scalar below 2^255 (a clamped private scalar or a scalar reduced mod L).
     * Constant-time in the value of {@code k}.
     */
    static byte[] scalarMultBaseEncoded(byte[] k) {
        return encode(scalarMultBase(k));
    }

    /** {@code k·B} in extended coordinates; see {@link #scalarMultBaseEncoded}. */
    static Point scalarMultBase(byte[] k) {
        if (k == null || k.length != 32) {
            throw new IllegalArgumentException("scalar must be 32 bytes");
        }
        // Precondition k < 2^255 (top digit must stay within [-8, 8]). Callers always pass clamped or
        // reduced scalars whose bit 255 is 0, so this test has the same outcome for every legitimate
        // secret and reveals nothing.
        if ((k[31] & 0x80) != 0) {
            throw new IllegalArgumentException("scalar must be below 2^255");
        }
        int[] e = recodeSigned16(k);
        Point h = identity();
        Precomp t = new Precomp();
        for (int i = 1; i < 64; i += 2) {
            select(t, i >>> 1, e[i]);
            addPrecomp(h, t, h);
        }
        dbl(h, h);
        dbl(h, h);
        dbl(h, h);
        dbl(h, h);
        for (int i = 0; i < 64; i += 2) {
            select(t, i >>> 1, e[i]);
            addPrecomp(h, t, h);
        }
        Arrays.fill(e, 0);
        t.wipe();
        return h;
    }

    /**
     * The 64 signed radix-16 digits of {@code k} (ref10 {@code ge_scalarmult_base}): first the
     * nibbles, then carries that move every digit into [-8, 7] (the last into [-8, 8]). Pure int
     * arithmetic: {@code (v + 8) >> 4} is the arithmetic-shift carry, no comparisons.
     */
    static int[] recodeSigned16(byte[] k) {
        int[] e = new int[64];
        for (int i = 0; i < 32; i++) {
            e[2 * i] = k[i] & 15;
            e[2 * i + 1] = (k[i] >>> 4) & 15;
        }
        int carry = 0;
        for (int i = 0; i < 63; i++) {
            e[i] += carry;
            carry = (e[i] + 8) >> 4;
            e[i] -= carry << 4;
        }
        e[63] += carry;
        return e;
    }

    /**
     * {@code t := b·256^block·B} for a digit b in [-8, 8], in constant time: every entry of the block
     * is read and conditionally moved under an arithmetic mask, then negation (swap y+x/y-x, negate
     * 2dxy) is applied under a mask. {@code block} is a public loop counter.
     */
    static void select(Precomp t, int block, int b) {
        int negative = b >>> 31;                 // 1 if b < 0, else 0
        int abs = (b ^ -negative) + negative;    // |b| without a branch
        X25519Field.one(t.ypx);                  // identity: (1, 1, 0)
        X25519Field.one(t.ymx);
        X25519Field.zero(t.xy2d);
        int off = block * TABLE_POINTS * PRECOMP_INTS;
        for (int m = 1; m <= TABLE_POINTS; m++) {
            int mask = ((m ^ abs) - 1) >> 31;    // -1 iff m == abs (m ^ abs in 0..15), else 0
            X25519Field.cmov(mask, BASE_TABLE, off, t.ypx, 0);
            X25519Field.cmov(mask, BASE_TABLE, off + SIZE, t.ymx, 0);
            X25519Field.cmov(mask, BASE_TABLE, off + 2 * SIZE, t.xy2d, 0);
            off += PRECOMP_INTS;
        }
        X25519Field.cswap(negative, t.ypx, t.ymx);
        X25519Field.cnegate(negative, t.xy2d);
    }

    /** {@code r := p + q} for q in precomputed affine form (mixed "add-2008-hwcd-3", Z2 = 1). r may alias p. */
    static void addPrecomp(Point p, Precomp q, Point r) {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] d = X25519Field.create();
        int[] e = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        int[] h = X25519Field.create();
        X25519Field.apm(p.y, p.x, b, a);         // b = Y1+X1, a = Y1-X1
        X25519Field.mul(a, q.ymx, a);            // A = (Y1-X1)(y2-x2)
        X25519Field.mul(b, q.ypx, b);            // B = (Y1+X1)(y2+x2)
        X25519Field.mul(p.t, q.xy2d, c);         // C = T1·2d·x2y2
        X25519Field.add(p.z, p.z, d);            // D = 2·Z1
        X25519Field.apm(b, a, h, e);             // H = B+A, E = B-A
        X25519Field.apm(d, c, g, f);             // G = D+C, F = D-C
        X25519Field.carry(g);
        X25519Field.carry(f);
        X25519Field.mul(e, f, r.x);
        X25519Field.mul(g, h, r.y);
        X25519Field.mul(f, g, r.z);
        X25519Field.mul(e, h, r.t);
    }

    /** {@code r := p + q} (complete "add-2008-hwcd-3" with k = 2d). r may alias p or q. */
    static void add(Point p, Point q, Point r) {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] d = X25519Field.create();
        int[] e = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        int[] h = X25519Field.create();
        X25519Field.apm(p.y, p.x, b, a);         // b = Y1+X1, a = Y1-X1
        X25519Field.apm(q.y, q.x, d, c);         // d = Y2+X2, c = Y2-X2
        X25519Field.mul(a, c, a);                // A
        X25519Field.mul(b, d, b);                // B
        X25519Field.mul(p.t, q.t, c);
        X25519Field.mul(c, D2, c);               // C = T1·2d·T2
        X25519Field.mul(p.z, q.z, d);
        X25519Field.add(d, d, d);                // D = 2·Z1·Z2
        X25519Field.apm(b, a, h, e);             // H = B+A, E = B-A
        X25519Field.apm(d, c, g, f);             // G = D+C, F = D-C
        X25519Field.carry(g);
        X25519Field.carry(f);
        X25519Field.mul(e, f, r.x);
        X25519Field.mul(g, h, r.y);
        X25519Field.mul(f, g, r.z);
        X25519Field.mul(e, h, r.t);
    }

    /**
     * {@code r := 2p} ("dbl-2008-hwcd" for a = -1, every intermediate negated as in BouncyCastle's
     * {@code pointDouble}, which leaves the projective point unchanged). r may alias p.
     */
    static void dbl(Point p, Point r) {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] e = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        int[] h = X25519Field.create();
        X25519Field.sqr(p.x, a);                 // A = X^2
        X25519Field.sqr(p.y, b);                 // B = Y^2
        X25519Field.sqr(p.z, c);
        X25519Field.add(c, c, c);                // C = 2Z^2
        X25519Field.apm(a, b, h, g);             // H = A+B, G = A-B
        X25519Field.add(p.x, p.y, e);
        X25519Field.sqr(e, e);
        X25519Field.sub(h, e, e);                // E = A+B-(X+Y)^2 = -2XY
        X25519Field.add(c, g, f);                // F = C+A-B
        X25519Field.carry(f);
        X25519Field.mul(e, f, r.x);
        X25519Field.mul(g, h, r.y);
        X25519Field.mul(f, g, r.z);
        X25519Field.mul(e, h, r.t);
    }

    /** The neutral element (0 : 1 : 1 : 0). */
    static Point identity() {
        Point p = new Point();
        X25519Field.one(p.y);
        X25519Field.one(p.z);
        return p;
    }

    /** A fresh copy of the base point B. */
    static Point base() {
        return BASE.copy();
    }

    /**
     * 32-byte encoding: canonical y little-endian with x's parity in bit 255. Z is inverted with the
     * fixed Fermat chain; the parity is moved into place with a shift and a mask (no branch).
     */
    static byte[] encode(Point p) {
        int[] zInverse = X25519Field.create();
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        invert(p.z, zInverse);
        X25519Field.mul(p.x, zInverse, x);
        X25519Field.mul(p.y, zInverse, y);
        X25519Field.normalize(x);
        X25519Field.normalize(y);
        byte[] out = new byte[32];
        X25519Field.encode(y, out, 0);
        out[31] |= (byte) ((x[0] & 1) << 7);     // limb 0 of a normalised element holds bits 0..25
        return out;
    }

    /**
     * {@code z := x^(p-2) = x^-1} (0 for x = 0) with ref10's fixed addition chain for
     * {@code p - 2 = 2^255 - 21}: the sequence of squarings and multiplications does not depend on x.
     */
    static void invert(int[] x, int[] z) {
        int[] x2 = X25519Field.create();
        int[] x9 = X25519Field.create();
        int[] x11 = X25519Field.create();
        int[] t = X25519Field.create();
        int[] a5 = X25519Field.create();  // x^(2^5 - 1)
        int[] a10 = X25519Field.create(); // x^(2^10 - 1)
        int[] a20 = X25519Field.create();
        int[] a50 = X25519Field.create();
        int[] a100 = X25519Field.create();
        X25519Field.sqr(x, x2);                  // x^2
        X25519Field.sqr(x2, 2, t);               // x^8
        X25519Field.mul(t, x, x9);               // x^9
        X25519Field.mul(x9, x2, x11);            // x^11
        X25519Field.sqr(x11, t);                 // x^22
        X25519Field.mul(t, x9, a5);              // x^31 = x^(2^5 - 1)
        X25519Field.sqr(a5, 5, t);
        X25519Field.mul(t, a5, a10);             // 2^10 - 1
        X25519Field.sqr(a10, 10, t);
        X25519Field.mul(t, a10, a20);            // 2^20 - 1
        X25519Field.sqr(a20, 20, t);
        X25519Field.mul(t, a20, t);              // 2^40 - 1
        X25519Field.sqr(t, 10, t);
        X25519Field.mul(t, a10, a50);            // 2^50 - 1
        X25519Field.sqr(a50, 50, t);
        X25519Field.mul(t, a50, a100);           // 2^100 - 1
        X25519Field.sqr(a100, 100, t);
        X25519Field.mul(t, a100, t);             // 2^200 - 1
        X25519Field.sqr(t, 50, t);
        X25519Field.mul(t, a50, t);              // 2^250 - 1
        X25519Field.sqr(t, 5, t);                // 2^255 - 32
        X25519Field.mul(t, x11, z);              // 2^255 - 21 = p - 2
    }

    /** A point in extended coordinates. Fields are {@code int[10]} {@link X25519Field} elements. */
    static final class Point {
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        int[] z = X25519Field.create();
        int[] t = X25519Field.create();

        Point copy() {
            Point r = new Point();
            X25519Field.copy(x, 0, r.x, 0);
            X25519Field.copy(y, 0, r.y, 0);
            X25519Field.copy(z, 0, r.z, 0);
            X25519Field.copy(t, 0, r.t, 0);
            return r;
        }
    }

    /** An affine point as (y+x, y-x, 2d·x·y). */
    static final class Precomp {
        final int[] ypx = X25519Field.create();
        final int[] ymx = X25519Field.create();
        final int[] xy2d = X25519Field.create();

        void wipe() {
            X25519Field.zero(ypx);
            X25519Field.zero(ymx);
            X25519Field.zero(xy2d);
        }
    }

    /** A copy of table entry (block, m) for m in 1..8 — for tests (plain index, public data). */
    static Precomp tableEntry(int block, int m) {
        Precomp p = new Precomp();
        int off = (block * TABLE_POINTS + (m - 1)) * PRECOMP_INTS;
        X25519Field.copy(BASE_TABLE, off, p.ypx, 0);
        X25519Field.copy(BASE_TABLE, off + SIZE, p.ymx, 0);
        X25519Field.copy(BASE_TABLE, off + 2 * SIZE, p.xy2d, 0);
        return p;
    }

    // ---------------------------------------------------------------------------------------------
    // Public-data helpers (class initialisation, verification)
    // ---------------------------------------------------------------------------------------------

    /** Block j, entry m-1 = m·256^j·B, from repeated additions (public constants, built once). */
    private static int[] buildBaseTable() {
        int[] table = new int[TABLE_BLOCKS * TABLE_POINTS * PRECOMP_INTS];
        Point blockBase = BASE.copy();
        int[] zInverse = X25519Field.create();
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        int[] xy2d = X25519Field.create();
        int[] ypx = X25519Field.create();
        int[] ymx = X25519Field.create();
        int off = 0;
        for (int block = 0; block < TABLE_BLOCKS; block++) {
            Point multiple = blockBase.copy();
            for (int m = 1; m <= TABLE_POINTS; m++) {
                invert(multiple.z, zInverse);
                X25519Field.mul(multiple.x, zInverse, x);
                X25519Field.mul(multiple.y, zInverse, y);
                X25519Field.apm(y, x, ypx, ymx);
                X25519Field.mul(x, y, xy2d);
                X25519Field.mul(xy2d, D2, xy2d);
                X25519Field.normalize(ypx);
                X25519Field.normalize(ymx);
                X25519Field.normalize(xy2d);
                X25519Field.copy(ypx, 0, table, off);
                X25519Field.copy(ymx, 0, table, off + SIZE);
                X25519Field.copy(xy2d, 0, table, off + 2 * SIZE);
                off += PRECOMP_INTS;
                add(multiple, blockBase, multiple);
            }
            for (int i = 0; i < 8; i++) {
                dbl(blockBase, blockBase);           // next block: 256·blockBase
            }
        }
        return table;
    }

    /** A canonical integer in [0, p) as a field element. */
    static int[] fieldElement(BigInteger value) {
        int[] z = X25519Field.create();
        X25519Field.decode(toLittleEndian32(value.mod(P)), 0, z);
        return z;
    }

    /** A field element (any limb form, e.g. an unreduced difference) as its canonical integer in [0, p). */
    static BigInteger toBigInteger(int[] element) {
        int[] copy = X25519Field.create();
        X25519Field.one(copy);
        X25519Field.mul(element, copy, copy);    // carries signed / oversized limbs into mul-output form
        X25519Field.normalize(copy);
        byte[] bytes = new byte[32];
        X25519Field.encode(copy, bytes, 0);
        return fromLittleEndian(bytes);
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

    private static BigInteger recoverX(BigInteger y, int sign) {
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger x2 = y2.subtract(BigInteger.ONE)
                .multiply(D_INT.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
            BigInteger sqrtMinusOne = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
            x = x.multiply(sqrtMinusOne).mod(P);
        }
        if (x.testBit(0) != (sign == 1)) {
            x = P.subtract(x);
        }
        return x;
    }
}
