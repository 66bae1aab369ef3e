package com.wagateway.whatsapp.binary;

/** A node the wire format cannot express (a list or nesting over the format's or our limit). */
public final class BinaryEncodeException extends RuntimeException {
    private final String nodeTag;

    public BinaryEncodeException(String reason, String nodeTag) {
        super(reason + " (node <" + nodeTag + ">)");
        this.nodeTag = nodeTag;
    }

    /** The tag of the node being encoded. */
    public String nodeTag() {
        return nodeTag;
    }
}
