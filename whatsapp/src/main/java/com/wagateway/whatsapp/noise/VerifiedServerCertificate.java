package com.wagateway.whatsapp.noise;

/** What a successfully verified server chain said (fact sheet §3.4); times are Unix seconds. */
public record VerifiedServerCertificate(long intermediateSerial, long leafSerial, long leafNotBefore, long leafNotAfter) {
}
