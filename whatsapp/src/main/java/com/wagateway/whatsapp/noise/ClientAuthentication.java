package com.wagateway.whatsapp.noise;

/**
 * What the responder learns from {@code clientFinish} (fact sheet §3.5 step 4): the client's noise
 * public key (32 bytes, how the server recognises the device, §4.3) and the serialized ClientPayload.
 */
public record ClientAuthentication(byte[] clientStaticKey, byte[] clientPayload) {

    public ClientAuthentication {
        clientStaticKey = clientStaticKey.clone();
        clientPayload = clientPayload.clone();
    }

    @Override
    public byte[] clientStaticKey() {
        return clientStaticKey.clone();
    }

    @Override
    public byte[] clientPayload() {
        return clientPayload.clone();
    }
}
