package com.wagateway.whatsapp.client;

import com.wagateway.whatsapp.binary.Node;

/**
 * An IQ that did not succeed: the server answered with an {@code <error code=… text=…/>} child (Baileys
 * {@code assertNodeErrorFree}), it did not answer in time, or the connection ended first.
 */
public final class IqException extends Exception {

    /** {@link #code()} when the IQ timed out. */
    public static final int TIMEOUT = 408;
    /** {@link #code()} when the connection ended before the answer. */
    public static final int CONNECTION_ENDED = 428;

    private final int code;
    private final String text;

    public IqException(int code, String text, String message) {
        super(message);
        this.code = code;
        this.text = text;
    }

    /** The error of an answer, or null when the answer has no error child. */
    static IqException fromAnswer(Node answer, String requestXmlns) {
        Node error = answer.child("error");
        if (error == null && !"error".equals(answer.attr("type"))) {
            return null;
        }
        String codeText = error == null ? null : error.attr("code");
        String text = error == null ? null : error.attr("text");
        int code;
        try {
            code = codeText == null ? 500 : Integer.parseInt(codeText);
        } catch (NumberFormatException e) {
            code = 500;
        }
        return new IqException(code, text, "iq " + requestXmlns + " failed: " + code + (text == null ? "" : " " + text));
    }

    public int code() {
        return code;
    }

    /** The error's {@code text} attribute, or null. */
    public String text() {
        return text;
    }
}
