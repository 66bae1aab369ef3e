package com.wagateway.whatsapp.signal;

import com.wagateway.whatsapp.crypto.Curve25519KeyPair;

/** The local signed prekey: id, key pair and the identity key's signature over its typed public key (§9.2). */
public record SignedPreKey(int id, Curve25519KeyPair keyPair, byte[] signature) {
}
