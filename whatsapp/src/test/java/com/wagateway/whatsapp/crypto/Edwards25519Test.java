package com.wagateway.whatsapp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wagateway.whatsapp.crypto.Edwards25519.Point;
import com.wagateway.whatsapp.crypto.Edwards25519.Precomp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.junit.jupiter.api.Test;

/**
 * The constant-time field/point code of {@link Edwards25519} against the BigInteger
 * {@link Edwards25519Reference} on random and edge-case inputs (no timing assertions here).
 */
class Edwards25519Test {

    private static final BigInteger P = Edwards25519Reference.P;
    private static final BigInteger L = Edwards25519Reference.L;
    private static final BigInteger D2 = Edwards25519Reference.D.shiftLeft(1).mod(P);
    private static final byte[] IDENTITY_ENCODING = new byte[32];

    static {
        IDENTITY_ENCODING[0] = 1;
    }

    private final Random random = new Random(0x5eed_25519L);

    // ----------------------------------------------------------------------------------- field

    private List<BigInteger> fieldSamples() {
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                BigInteger.valueOf(19), P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO),
                P.subtract(BigInteger.valueOf(19)), BigInteger.ONE.shiftLeft(254),
                BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(128),
                BigInteger.ONE.shiftLeft(26).subtract(BigInteger.ONE), Edwards25519Reference.D));
        for (int i = 0; i < 200; i++) {
            values.add(new BigInteger(255, random).mod(P));
        }
        return values;
    }

    private static int[] fe(BigInteger value) {
        return Edwards25519.fieldElement(value);
    }

    private static BigInteger big(int[] element) {
        return Edwards25519.toBigInteger(element);
    }

    @Test
    void fieldArithmeticMatchesBigInteger() {
        List<BigInteger> values = fieldSamples();
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i);
            BigInteger b = values.get((i * 7 + 3) % values.size());
            int[] z = X25519Field.create();

            X25519Field.add(fe(a), fe(b), z);
            assertThat(big(z)).isEqualTo(a.add(b).mod(P));
            X25519Field.sub(fe(a), fe(b), z);
            assertThat(big(z)).isEqualTo(a.subtract(b).mod(P));
            X25519Field.mul(fe(a), fe(b), z);
            assertThat(big(z)).isEqualTo(a.multiply(b).mod(P));
            X25519Field.sqr(fe(a), z);
            assertThat(big(z)).isEqualTo(a.multiply(a).mod(P));
            X25519Field.sqr(fe(a), 5, z);
            assertThat(big(z)).isEqualTo(a.modPow(BigInteger.valueOf(32), P));

            // the shapes the point formulas use: products of sums/differences of products
            int[] s = X25519Field.create();
            int[] d = X25519Field.create();
            X25519Field.mul(fe(a), fe(b), z);
            X25519Field.apm(z, fe(a), s, d);
            X25519Field.add(s, z, s);
            X25519Field.carry(s);
            X25519Field.mul(s, d, z);
            BigInteger ab = a.multiply(b);
            assertThat(big(z)).isEqualTo(ab.add(a).add(ab).multiply(ab.subtract(a)).mod(P));
        }
    }

    @Test
    void invertIsFermatInverseAndZeroMapsToZero() {
        for (BigInteger a : fieldSamples()) {
            int[] z = X25519Field.create();
            Edwards25519.invert(fe(a), z);
            BigInteger expected = a.signum() == 0 ? BigInteger.ZERO : a.modInverse(P);
            assertThat(big(z)).as("1/%s", a).isEqualTo(expected);
            assertThat(big(z)).isEqualTo(a.modPow(P.subtract(BigInteger.TWO), P));
        }
        int[] aliased = fe(BigInteger.valueOf(12345));
        Edwards25519.invert(aliased, aliased);
        assertThat(big(aliased)).isEqualTo(BigInteger.valueOf(12345).modInverse(P));
    }

    @Test
    void normalizeAndEncodeAreCanonicalForNonCanonicalInputs() {
        // 255-bit values in [p, 2^255) decode to non-canonical limbs; encode must give value - p
        for (int delta = 0; delta < 19; delta++) {
            BigInteger value = P.add(BigInteger.valueOf(delta));
            int[] z = X25519Field.create();
            X25519Field.decode(Edwards25519.toLittleEndian32(value), 0, z);
            X25519Field.normalize(z);
            byte[] out = new byte[32];
            X25519Field.encode(z, out, 0);
            assertThat(out).isEqualTo(Edwards25519.toLittleEndian32(BigInteger.valueOf(delta)));
        }
        // products whose true value is p - 1 or a multiple of p
        int[] z = X25519Field.create();
        X25519Field.mul(fe(P.subtract(BigInteger.ONE)), fe(BigInteger.ONE), z);
        assertThat(big(z)).isEqualTo(P.subtract(BigInteger.ONE));
        X25519Field.sub(fe(BigInteger.ZERO), fe(BigInteger.ONE), z);
        assertThat(big(z)).isEqualTo(P.subtract(BigInteger.ONE));
    }

    @Test
    void conditionalMoveSwapAndNegateFollowTheMaskOnly() {
        BigInteger a = new BigInteger(254, random);
        BigInteger b = new BigInteger(254, random);
        int[] z = fe(a);
        X25519Field.cmov(0, fe(b), 0, z, 0);
        assertThat(big(z)).isEqualTo(a);
        X25519Field.cmov(-1, fe(b), 0, z, 0);
        assertThat(big(z)).isEqualTo(b);

        int[] x = fe(a);
        int[] y = fe(b);
        X25519Field.cswap(0, x, y);
        assertThat(big(x)).isEqualTo(a);
        X25519Field.cswap(1, x, y);
        assertThat(big(x)).isEqualTo(b);
        assertThat(big(y)).isEqualTo(a);

        int[] n = fe(a);
        X25519Field.cnegate(0, n);
        assertThat(big(n)).isEqualTo(a);
        X25519Field.cnegate(1, n);
        assertThat(big(n)).isEqualTo(P.subtract(a).mod(P));
    }

    // ----------------------------------------------------------------------------------- points

    private static Point fromReference(Edwards25519Reference.Point r) {
        BigInteger zInverse = r.z().modInverse(P);
        BigInteger x = r.x().multiply(zInverse).mod(P);
        BigInteger y = r.y().multiply(zInverse).mod(P);
        Point p = new Point();
        p.x = fe(x);
        p.y = fe(y);
        p.z = fe(BigInteger.ONE);
        p.t = fe(x.multiply(y).mod(P));
        return p;
    }

    private static Edwards25519Reference.Point referenceMultiple(BigInteger k) {
        return Edwards25519Reference.multiply(Edwards25519Reference.BASE, k);
    }

    private static byte[] referenceEncoded(BigInteger k) {
        return Edwards25519Reference.encode(referenceMultiple(k));
    }

    /** A 32-byte little-endian scalar below 2^255. */
    private byte[] randomScalar() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        k[31] &= 0x7f;
        return k;
    }

    private static void assertSamePoint(Point actual, Edwards25519Reference.Point expected) {
        assertThat(HexFormat.of().formatHex(Edwards25519.encode(actual)))
                .isEqualTo(HexFormat.of().formatHex(Edwards25519Reference.encode(expected)));
        // the extended invariant X·Y = Z·T must hold for every produced point
        int[] xy = X25519Field.create();
        int[] zt = X25519Field.create();
        X25519Field.mul(actual.x, actual.y, xy);
        X25519Field.mul(actual.z, actual.t, zt);
        assertThat(big(xy)).isEqualTo(big(zt));
    }

    @Test
    void baseMultiplicationMatchesTheBigIntegerReference() {
        List<byte[]> scalars = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            scalars.add(randomScalar());
        }
        for (int i = 0; i < 20; i++) {           // clamped private scalars, as XEdDSA passes them
            byte[] k = randomScalar();
            k[0] &= (byte) 248;
            k[31] |= 64;
            scalars.add(k);
        }
        byte[] allOnes = new byte[32];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        allOnes[31] = 0x7f;                      // 2^255 - 1: largest allowed, top digit carries
        scalars.add(allOnes);
        byte[] eights = new byte[32];
        java.util.Arrays.fill(eights, (byte) 0x88); // every nibble recodes to -8 plus carry
        eights[31] = 0x08;
        scalars.add(eights);
        for (BigInteger k : List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(8), BigInteger.valueOf(9),
                BigInteger.valueOf(255), BigInteger.valueOf(256), L.subtract(BigInteger.ONE), L.add(BigInteger.ONE),
                L.shiftLeft(1), BigInteger.ONE.shiftLeft(254))) {
            scalars.add(Edwards25519.toLittleEndian32(k));
        }
        for (byte[] k : scalars) {
            BigInteger kInt = Edwards25519.fromLittleEndian(k);
            assertThat(Edwards25519.scalarMultBaseEncoded(k)).as("k = %s", kInt)
                    .isEqualTo(referenceEncoded(kInt));
            assertSamePoint(Edwards25519.scalarMultBase(k), referenceMultiple(kInt));
        }
    }

    @Test
    void zeroAndMultiplesOfTheOrderGiveTheIdentity() {
        for (BigInteger k : List.of(BigInteger.ZERO, L, L.shiftLeft(1), L.multiply(BigInteger.valueOf(7)))) {
            assertThat(Edwards25519.scalarMultBaseEncoded(Edwards25519.toLittleEndian32(k)))
                    .as("k = %s", k).isEqualTo(IDENTITY_ENCODING);
        }
        assertThat(Edwards25519.scalarMultBaseEncoded(Edwards25519.toLittleEndian32(BigInteger.ONE)))
                .isEqualTo(Edwards25519.encode(Edwards25519.base()));
        assertThatThrownBy(() -> Edwards25519.scalarMultBaseEncoded(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] tooLarge = new byte[32];
        tooLarge[31] = (byte) 0x80;
        assertThatThrownBy(() -> Edwards25519.scalarMultBaseEncoded(tooLarge))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completeAdditionHandlesIdentityDoublingAndInverses() {
        Point identity = Edwards25519.identity();
        assertThat(Edwards25519.encode(identity)).isEqualTo(IDENTITY_ENCODING);
        for (int i = 0; i < 10; i++) {
            BigInteger k = Edwards25519.fromLittleEndian(randomScalar());
            Edwards25519Reference.Point ref = referenceMultiple(k);
            Point p = fromReference(ref);

            Point r = new Point();
            Edwards25519.add(p, identity, r);
            assertSamePoint(r, ref);
            Edwards25519.add(identity, p, r);
            assertSamePoint(r, ref);

            Edwards25519.add(p, p, r);            // the unified law also doubles
            Point doubled = new Point();
            Edwards25519.dbl(p, doubled);
            Edwards25519Reference.Point twice = Edwards25519Reference.add(ref, ref);
            assertSamePoint(r, twice);
            assertSamePoint(doubled, twice);

            Point negated = p.copy();             // -P = (-x, y)
            X25519Field.negate(negated.x, negated.x);
            X25519Field.negate(negated.t, negated.t);
            Edwards25519.add(p, negated, r);
            assertThat(Edwards25519.encode(r)).isEqualTo(IDENTITY_ENCODING);

            Point aliased = p.copy();              // r aliasing an input
            Edwards25519.add(aliased, aliased, aliased);
            assertSamePoint(aliased, twice);
        }
        Point r = new Point();
        Edwards25519.add(identity, identity, r);
        assertThat(Edwards25519.encode(r)).isEqualTo(IDENTITY_ENCODING);
        Edwards25519.dbl(identity, r);
        assertThat(Edwards25519.encode(r)).isEqualTo(IDENTITY_ENCODING);

        Precomp zeroDigit = new Precomp();        // digit 0 selects the identity in precomputed form
        Edwards25519.select(zeroDigit, 5, 0);
        Point base = Edwards25519.base();
        Edwards25519.addPrecomp(base, zeroDigit, r);
        assertSamePoint(r, Edwards25519Reference.BASE);
        Edwards25519.addPrecomp(Edwards25519.identity(), zeroDigit, r);
        assertThat(Edwards25519.encode(r)).isEqualTo(IDENTITY_ENCODING);
    }

    @Test
    void eightTimesAPointByThreeDoublingsAndTheCofactor() {
        for (int i = 0; i < 10; i++) {
            BigInteger k = Edwards25519.fromLittleEndian(randomScalar());
            Edwards25519Reference.Point ref = referenceMultiple(k);
            Point p = fromReference(ref);
            Point eight = new Point();
            Edwards25519.dbl(p, eight);
            Edwards25519.dbl(eight, eight);
            Edwards25519.dbl(eight, eight);
            assertSamePoint(eight, Edwards25519Reference.multiply(ref, BigInteger.valueOf(8)));
            assertSamePoint(eight, referenceMultiple(k.shiftLeft(3)));
            Point sum = Edwards25519.identity();  // 8·P by eight additions agrees with 3 doublings
            for (int j = 0; j < 8; j++) {
                Edwards25519.add(sum, p, sum);
            }
            assertThat(Edwards25519.encode(sum)).isEqualTo(Edwards25519.encode(eight));
        }

        // a point of order exactly 8 (outside the prime-order subgroup): 8·T = O, 4·T != O
        byte[] encoded = HexFormat.of().parseHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
        BigInteger y = Edwards25519.fromLittleEndian(encoded).clearBit(255);
        BigInteger x = Edwards25519Reference.recoverX(y, encoded[31] >>> 7 & 1);
        BigInteger x2 = x.multiply(x).mod(P);
        BigInteger y2 = y.multiply(y).mod(P);
        assertThat(y2.subtract(x2).mod(P))       // on the curve: -x^2 + y^2 = 1 + d x^2 y^2
                .isEqualTo(BigInteger.ONE.add(Edwards25519Reference.D.multiply(x2).multiply(y2)).mod(P));
        Point t = new Point();
        t.x = fe(x);
        t.y = fe(y);
        t.z = fe(BigInteger.ONE);
        t.t = fe(x.multiply(y).mod(P));
        Point multiple = t.copy();
        Edwards25519.dbl(multiple, multiple);
        Edwards25519.dbl(multiple, multiple);
        assertThat(Edwards25519.encode(multiple)).isNotEqualTo(IDENTITY_ENCODING);
        Edwards25519.dbl(multiple, multiple);
        assertThat(Edwards25519.encode(multiple)).isEqualTo(IDENTITY_ENCODING);
        Point sum = Edwards25519.identity();
        for (int j = 0; j < 8; j++) {
            Edwards25519.add(sum, t, sum);
        }
        assertThat(Edwards25519.encode(sum)).isEqualTo(IDENTITY_ENCODING);
    }

    // ----------------------------------------------------------------------------------- table

    @Test
    void baseTableHoldsNormalisedMultiplesOfPowersOf256() {
        Edwards25519Reference.Point blockBase = Edwards25519Reference.BASE;
        for (int block = 0; block < Edwards25519.TABLE_BLOCKS; block++) {
            Edwards25519Reference.Point multiple = blockBase;
            for (int m = 1; m <= Edwards25519.TABLE_POINTS; m++) {
                BigInteger[] expected = precompOf(multiple);
                Precomp entry = Edwards25519.tableEntry(block, m);
                assertCanonical(entry.ypx, expected[0], block, m);
                assertCanonical(entry.ymx, expected[1], block, m);
                assertCanonical(entry.xy2d, expected[2], block, m);
                multiple = Edwards25519Reference.add(multiple, blockBase);
            }
            blockBase = Edwards25519Reference.multiply(blockBase, BigInteger.valueOf(256));
        }
        // the last block's base is 256^31·B: its 8th entry is 8·2^248·B = 2^251·B
        Precomp last = Edwards25519.tableEntry(31, 8);
        BigInteger[] expected = precompOf(referenceMultiple(BigInteger.ONE.shiftLeft(251)));
        assertThat(big(last.ypx)).isEqualTo(expected[0]);
    }

    @Test
    void selectReturnsSignedMultiplesForEveryDigit() {
        for (int block : new int[] {0, 1, 13, 31}) {
            BigInteger blockScalar = BigInteger.ONE.shiftLeft(8 * block);
            for (int digit = -8; digit <= 8; digit++) {
                Precomp t = new Precomp();
                Edwards25519.select(t, block, digit);
                BigInteger k = blockScalar.multiply(BigInteger.valueOf(digit)).mod(L);
                BigInteger[] expected = precompOf(referenceMultiple(k));
                assertThat(big(t.ypx)).as("block %d digit %d", block, digit).isEqualTo(expected[0]);
                assertThat(big(t.ymx)).as("block %d digit %d", block, digit).isEqualTo(expected[1]);
                assertThat(big(t.xy2d)).as("block %d digit %d", block, digit).isEqualTo(expected[2]);
            }
        }
    }

    @Test
    void signedRadix16RecodingReconstructsTheScalar() {
        List<byte[]> scalars = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            scalars.add(randomScalar());
        }
        byte[] max = new byte[32];
        java.util.Arrays.fill(max, (byte) 0xff);
        max[31] = 0x7f;
        scalars.add(max);
        scalars.add(new byte[32]);
        for (byte[] k : scalars) {
            int[] e = Edwards25519.recodeSigned16(k);
            BigInteger sum = BigInteger.ZERO;
            for (int i = 63; i >= 0; i--) {
                assertThat(e[i]).isBetween(-8, i == 63 ? 8 : 7);
                sum = sum.shiftLeft(4).add(BigInteger.valueOf(e[i]));
            }
            assertThat(sum).isEqualTo(Edwards25519.fromLittleEndian(k));
        }
    }

    private static BigInteger[] precompOf(Edwards25519Reference.Point point) {
        BigInteger zInverse = point.z().modInverse(P);
        BigInteger x = point.x().multiply(zInverse).mod(P);
        BigInteger y = point.y().multiply(zInverse).mod(P);
        return new BigInteger[] {y.add(x).mod(P), y.subtract(x).mod(P), D2.multiply(x).multiply(y).mod(P)};
    }

    private static void assertCanonical(int[] element, BigInteger expected, int block, int m) {
        byte[] raw = new byte[32];
        X25519Field.encode(element, raw, 0);     // encode without normalising: the stored limbs must be canonical
        assertThat(raw).as("block %d entry %d", block, m).isEqualTo(Edwards25519.toLittleEndian32(expected));
    }
}
