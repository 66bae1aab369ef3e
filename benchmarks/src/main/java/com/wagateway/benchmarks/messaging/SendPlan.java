package com.wagateway.benchmarks.messaging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who sends what to whom: message n goes from session {@code n mod S}, in turn, to one of that session's
 * {@code perSession} recipients, chosen from the pool at an offset per session (session s writes to phones
 * s·k … s·k+k−1 modulo the pool, so neighbouring sessions share phones and every phone hears from several
 * sessions when S·k exceeds the pool). Keeping each session's set small means the warm-up sets up every Signal
 * session (one X3DH per pair), and the measured window sees steady-state sending. For a few "checked" recipients
 * it remembers message id → text, so the run can ask those phones what they really received.
 */
final class SendPlan {

    record Session(String id, String phone) {}

    record Send(long seq, Session from, String to, String text, boolean checked) {}

    private final List<Session> sessions;
    private final List<String> recipients;
    private final int perSession;
    private final Set<String> checked;
    private final AtomicLong next = new AtomicLong();
    /** recipient → (message id → text) for the checked recipients. */
    private final Map<String, Map<String, String>> expected = new ConcurrentHashMap<>();

    SendPlan(List<Session> sessions, List<String> recipients, int perSession, int checkedRecipients) {
        this.sessions = sessions;
        this.recipients = recipients;
        this.perSession = perSession;
        this.checked = Set.copyOf(recipients.subList(0, Math.min(checkedRecipients, recipients.size())));
        checked.forEach(r -> expected.put(r, new ConcurrentHashMap<>()));
    }

    Send next() {
        long n = next.getAndIncrement();
        int s = (int) (n % sessions.size());
        long round = n / sessions.size();
        String to = recipients.get((int) (((long) s * perSession + round % perSession) % recipients.size()));
        return new Send(n, sessions.get(s), to, "bench message " + n + " from " + sessions.get(s).id(), checked.contains(to));
    }

    /** Remember a message that a checked recipient must have received. */
    void expect(Send send, String messageId) {
        if (send.checked()) {
            expected.get(send.to()).put(messageId, send.text());
        }
    }

    Map<String, Map<String, String>> expected() {
        return expected;
    }
}
