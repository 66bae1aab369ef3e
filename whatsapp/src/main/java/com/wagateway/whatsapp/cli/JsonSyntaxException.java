package com.wagateway.whatsapp.cli;

/** Text that is not strict JSON (RFC 8259), with the character offset where reading stopped. */
public final class JsonSyntaxException extends Exception {
    private final int offset;

    public JsonSyntaxException(String reason, int offset) {
        super(reason + " at offset " + offset);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
