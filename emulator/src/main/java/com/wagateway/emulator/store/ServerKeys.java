package com.wagateway.emulator.store;

import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.Curve25519KeyPair;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.noise.CertChainBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The emulator's own trust material (fact sheet §3.4): a root key pair (its public half is what the
 * worker gets as {@code WA_SERVER_ROOT_KEY}), an intermediate key, the server's Noise static key and the
 * signed {@code CertChain} presented in every serverHello. Generated once, then kept in
 * {@code server-keys.json} so clients configured with the root key keep trusting a restarted emulator.
 */
public record ServerKeys(byte[] rootPrivateKey, byte[] intermediatePrivateKey, byte[] staticPrivateKey,
                         byte[] certChain) {

    public static final String FILE_NAME = "server-keys.json";

    public Curve25519KeyPair root() {
        return Curve25519.fromPrivateKey(rootPrivateKey);
    }

    public Curve25519KeyPair staticKey() {
        return Curve25519.fromPrivateKey(staticPrivateKey);
    }

    /**
     * Loads the keys from {@code dataDir}, or creates and stores them on first start.
     *
     * @return the keys and whether they were created now
     */
    public static Loaded loadOrCreate(JsonFiles files, Path dataDir, RandomSource random) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new Loaded(files.read(file, ServerKeys.class), false);
        }
        Curve25519KeyPair root = Curve25519.generateKeyPair(random);
        Curve25519KeyPair intermediate = Curve25519.generateKeyPair(random);
        Curve25519KeyPair staticKey = Curve25519.generateKeyPair(random);
        Instant now = Instant.now();
        // Like WhatsApp's intermediate, valid for years; whatsmeow-style clients check the window.
        byte[] chain = new CertChainBuilder(root, intermediate)
                .validity(now.minusSeconds(86_400), now.plusSeconds(20L * 365 * 86_400))
                .build(staticKey.publicKey());
        ServerKeys keys = new ServerKeys(root.privateKey(), intermediate.privateKey(), staticKey.privateKey(), chain);
        files.write(file, keys);
        return new Loaded(keys, true);
    }

    /** Keys plus whether this start created them. */
    public record Loaded(ServerKeys keys, boolean created) {
    }
}
