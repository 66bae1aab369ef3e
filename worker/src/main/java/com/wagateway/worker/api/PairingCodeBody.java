package com.wagateway.worker.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code data} of a pairing-code request: the code to type on the phone (Linked devices → Link with phone number). */
@Schema(example = "{\"pairingCode\": \"ABCD-1234\"}")
public record PairingCodeBody(
        @Schema(description = "8 characters shown as XXXX-XXXX", example = "ABCD-1234") String pairingCode) {}
