package com.wagateway.whatsapp.jid;

/** Text that is not a JID in the strict form {@link Jid#parse} accepts; carries the input. */
public final class JidFormatException extends IllegalArgumentException {
    private final String input;

    public JidFormatException(String reason, String input) {
        super(reason + ": \"" + input + "\"");
        this.input = input;
    }

    public String input() {
        return input;
    }
}
