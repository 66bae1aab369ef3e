package com.wagateway.worker.command;

import java.time.Instant;

/**
 * Phone-number pairing: ask WhatsApp, on the session's connection waiting for a scan, for the code the user types
 * on the phone instead of scanning the QR. {@code phoneNumber} is digits only, with the country code.
 */
public record RequestPairingCode(String commandId, String sessionId, Instant issuedAt, String phoneNumber)
        implements SessionCommand {}
