package com.wagateway.whatsapp.transport;

/** The ways an incoming byte stream can violate the framing of fact sheet §2.2–2.3. */
public sealed interface FrameError {

    String describe();

    /** A frame declared a length above the configured limit; nothing was allocated for it. */
    record FrameTooLarge(int declaredLength, int limit) implements FrameError {
        public String describe() {
            return "frame length " + declaredLength + " exceeds limit " + limit;
        }
    }

    /** The connection header is neither {@code 57 41 06 xx} nor an {@code ED} routing pre-intro (§2.2). */
    record BadIntroHeader(String problem) implements FrameError {
        public String describe() {
            return "bad connection header: " + problem;
        }
    }

    /** The stream was used after it had already failed. */
    record StreamFailed() implements FrameError {
        public String describe() {
            return "frame stream already failed";
        }
    }
}
