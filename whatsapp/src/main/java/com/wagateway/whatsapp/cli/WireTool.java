package com.wagateway.whatsapp.cli;

import com.wagateway.whatsapp.binary.BinaryDecodeException;
import com.wagateway.whatsapp.binary.BinaryDecoder;
import com.wagateway.whatsapp.binary.BinaryEncodeException;
import com.wagateway.whatsapp.binary.BinaryEncoder;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The wire CLI, the jar's main class:
 * <pre>
 *   java -jar whatsapp-0.1.0.jar decode-node &lt;hex&gt;    frame plaintext (flag byte first) → node JSON
 *   java -jar whatsapp-0.1.0.jar encode-node '&lt;json&gt;'  node JSON → frame plaintext hex (flag 00)
 * </pre>
 * Bad input prints one line to stderr and exits 1; a bad command line exits 2. {@link #run}
 * returns the exit code so tests call it with captured streams instead of exiting the JVM.
 */
public final class WireTool {
    static final int OK = 0;
    static final int BAD_INPUT = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = "usage: wire-tool decode-node <hex> | encode-node '<json>'";

    private WireTool() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE_TEXT);
            return OK;
        }
        if (args.length != 2) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            switch (args[0]) {
                case "decode-node" -> out.println(decodeNode(args[1]));
                case "encode-node" -> out.println(encodeNode(args[1]));
                default -> {
                    err.println("unknown command \"" + args[0] + "\"; " + USAGE_TEXT);
                    return USAGE;
                }
            }
            return OK;
        } catch (BadInput e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    static String decodeNode(String hex) throws BadInput {
        byte[] frame;
        try {
            frame = HexFormat.of().parseHex(hex.strip());
        } catch (IllegalArgumentException e) {
            throw new BadInput("bad hex: " + e.getMessage());
        }
        try {
            return JsonWriter.write(NodeJson.toJson(new BinaryDecoder().decodeFrame(frame)));
        } catch (BinaryDecodeException e) {
            throw new BadInput("cannot decode node: " + e.getMessage());
        }
    }

    static String encodeNode(String json) throws BadInput {
        try {
            return HexFormat.of().formatHex(new BinaryEncoder().encodeFrame(NodeJson.fromJson(JsonReader.parse(json))));
        } catch (JsonSyntaxException e) {
            throw new BadInput("bad JSON: " + e.getMessage());
        } catch (NodeJsonException e) {
            throw new BadInput("not a node: " + e.getMessage());
        } catch (BinaryEncodeException e) {
            throw new BadInput("cannot encode node: " + e.getMessage());
        }
    }

    /** Input the tool refuses; the message is the one line printed. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message.replace('\n', ' '));
        }
    }
}
