package com.wagateway.whatsapp.cli;

/** JSON that is valid but not a node in the documented form; names the JSON path. */
public final class NodeJsonException extends Exception {
    private final String path;

    public NodeJsonException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
