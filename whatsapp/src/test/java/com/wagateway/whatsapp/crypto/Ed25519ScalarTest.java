package com.wagateway.whatsapp.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Ed25519Scalar} (TweetNaCl modL) against BigInteger arithmetic mod L. */
class Ed25519ScalarTest {

    private static final BigInteger L = Edwards25519Reference.L;
    private static final BigInteger TWO_512 = BigInteger.ONE.shiftLeft(512);

    private final Random random = new Random(0x1_5ca1a7L);

    private static byte[] littleEndian(BigInteger value, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = value.shiftRight(8 * i).byteValue();
        }
        return out;
    }

    @Test
    void reduceMatchesBigIntegerMod() {
        List<BigInteger> inputs = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, L.subtract(BigInteger.ONE), L,
                L.add(BigInteger.ONE), L.shiftLeft(1), L.shiftLeft(1).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(252), BigInteger.ONE.shiftLeft(253), BigInteger.ONE.shiftLeft(256),
                TWO_512.subtract(BigInteger.ONE), TWO_512.subtract(BigInteger.ONE).divide(L).multiply(L),
                TWO_512.subtract(BigInteger.ONE).divide(L).multiply(L).subtract(BigInteger.ONE)));
        for (int i = 0; i < 2000; i++) {
            inputs.add(new BigInteger(512, random));
        }
        for (int i = 0; i < 200; i++) {           // near multiples of L
            BigInteger q = new BigInteger(259, random);
            inputs.add(q.multiply(L).add(BigInteger.valueOf(random.nextInt(5) - 2)).mod(TWO_512));
        }
        for (BigInteger x : inputs) {
            byte[] reduced = Ed25519Scalar.reduce(littleEndian(x, 64));
            assertThat(Edwards25519.fromLittleEndian(reduced)).as("%s mod L", x).isEqualTo(x.mod(L));
        }
    }

    @Test
    void mulAddMatchesBigInteger() {
        List<BigInteger[]> cases = new ArrayList<>();
        BigInteger lMinusOne = L.subtract(BigInteger.ONE);
        BigInteger max256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        cases.add(new BigInteger[] {lMinusOne, max256, lMinusOne});
        cases.add(new BigInteger[] {BigInteger.ZERO, max256, BigInteger.ZERO});
        cases.add(new BigInteger[] {lMinusOne, BigInteger.ONE.shiftLeft(254), BigInteger.ZERO});
        cases.add(new BigInteger[] {BigInteger.ONE, L, lMinusOne});
        for (int i = 0; i < 2000; i++) {
            BigInteger h = new BigInteger(253, random).mod(L);
            BigInteger a = new BigInteger(i % 2 == 0 ? 255 : 256, random);
            BigInteger r = new BigInteger(253, random).mod(L);
            cases.add(new BigInteger[] {h, a, r});
        }
        for (BigInteger[] c : cases) {
            byte[] s = Ed25519Scalar.mulAdd(littleEndian(c[0], 32), littleEndian(c[1], 32), littleEndian(c[2], 32));
            assertThat(Edwards25519.fromLittleEndian(s)).as("%s + %s * %s", c[2], c[0], c[1])
                    .isEqualTo(c[2].add(c[0].multiply(c[1])).mod(L));
        }
    }
}
