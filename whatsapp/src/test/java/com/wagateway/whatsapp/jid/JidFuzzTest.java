package com.wagateway.whatsapp.jid;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target for {@link Jid#parse}: any string either parses or throws
 * JidFormatException, and whatever parses prints to text that parses back to the same JID.
 * Corpus: src/test/resources/com/wagateway/whatsapp/jid/JidFuzzTestInputs/parse.
 */
class JidFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Jid jid;
        try {
            jid = Jid.parse(text);
        } catch (JidFormatException expected) {
            return;
        }
        Jid again = Jid.parse(jid.toString());
        if (!again.equals(jid)) {
            throw new AssertionError(text + " -> " + jid + " -> " + again);
        }
    }
}
