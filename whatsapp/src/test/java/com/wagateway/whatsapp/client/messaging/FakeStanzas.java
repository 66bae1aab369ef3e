package com.wagateway.whatsapp.client.messaging;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A connection that records what messaging sends and answers IQs with a script. */
final class FakeStanzas implements Stanzas {

    final List<Node> sent = new ArrayList<>();
    final List<Node> queries = new ArrayList<>();
    Function<Node, Node> answers = iq -> {
        throw new AssertionError("unexpected iq " + iq);
    };
    boolean open = true;
    private int ids;

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void send(Node node) {
        sent.add(node);
    }

    @Override
    public CompletableFuture<Node> query(Node iq) {
        queries.add(iq);
        try {
            return CompletableFuture.completedFuture(answers.apply(iq));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String nextId() {
        return "1.2-" + (++ids);
    }

    @Override
    public void ack(Node stanza) {
        Attributes.Builder b = Attributes.builder().put("id", stanza.attr("id")).put("to", stanza.attr("from"))
                .put("class", stanza.tag());
        if (stanza.attr("type") != null) {
            b.put("type", stanza.attr("type"));
        }
        sent.add(Node.of("ack", b.build()));
    }

    List<Node> sentTagged(String tag) {
        return sent.stream().filter(n -> n.tag().equals(tag)).toList();
    }

    Node last(String tag) {
        List<Node> nodes = sentTagged(tag);
        return nodes.isEmpty() ? null : nodes.getLast();
    }
}
