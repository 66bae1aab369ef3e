package com.wagateway.whatsapp.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.wagateway.whatsapp.binary.Attributes;
import com.wagateway.whatsapp.binary.Node;
import com.wagateway.whatsapp.jid.Jid;
import com.wagateway.whatsapp.signal.InMemorySignalStore;
import com.wagateway.whatsapp.signal.SignalAddress;
import com.wagateway.whatsapp.crypto.Curve25519;
import com.wagateway.whatsapp.crypto.FixedRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node shapes and the pieces around them. */
class MessageNodesTest {

    @Test
    void participantHashMatchesBaileysGenerateParticipantHashV2() {
        // node -e "const c=require('crypto');const p=['15550000002:5@s.whatsapp.net','15550000001@s.whatsapp.net',
        //   '15550000002@s.whatsapp.net'].sort();console.log('2:'+c.createHash('sha256').update(p.join(''))
        //   .digest('base64').slice(0,6))"
        String hash = MessageNodes.participantHash(List.of(Jid.parse("15550000002:5@s.whatsapp.net"),
                Jid.parse("15550000001@s.whatsapp.net"), Jid.parse("15550000002@s.whatsapp.net")));
        assertThat(hash).isEqualTo(PHASH);
    }

    static final String PHASH = "2:WsFx3M";

    @Test
    void deliveryReceiptsFollowTheStanza() {
        Node group = Node.of("message", Attributes.of("id", "X", "from", "1203@g.us", "participant", "9@lid"));
        assertThat(MessageNodes.deliveryReceipt(group, null).attrs().asMap())
                .isEqualTo(Map.of("id", "X", "to", "1203@g.us", "participant", "9@lid"));
        Node inactive = MessageNodes.deliveryReceipt(Node.of("message", Attributes.of("id", "Y", "from", "1@lid")),
                "inactive");
        assertThat(inactive.attrs().asMap()).isEqualTo(Map.of("id", "Y", "to", "1@lid", "type", "inactive"));
    }

    @Test
    void usyncAnswersNeedKeyIndexForCompanionsAndSkipErrors() {
        Node deviceList = Node.of("device-list", Attributes.empty(), List.of(
                Node.of("device", Attributes.of("id", "0")),
                Node.of("device", Attributes.of("id", "2")),
                Node.of("device", Attributes.of("id", "3", "key-index", "4")),
                Node.of("device", Attributes.of("id", "99", "key-index", "1", "is_hosted", "true"))));
        Node one = Node.of("user", Attributes.of("jid", "1@s.whatsapp.net"), List.of(
                Node.of("devices", Attributes.empty(), List.of(deviceList)),
                Node.of("lid", Attributes.of("val", "77@lid"))));
        Node failed = Node.of("user", Attributes.of("jid", "2@s.whatsapp.net"), List.of(
                Node.of("devices", Attributes.empty(), List.of(Node.of("error", Attributes.of("code", "500"))))));
        Node answer = Node.of("iq", Attributes.of("type", "result"), List.of(Node.of("usync", Attributes.empty(),
                List.of(Node.of("list", Attributes.empty(), List.of(one, failed))))));
        Map<Jid, Usync.UserDevices> users = Usync.parse(answer);
        assertThat(users).hasSize(1);
        Usync.UserDevices first = users.get(Jid.parse("1@s.whatsapp.net"));
        assertThat(first.devices()).containsExactly(0, 3);
        assertThat(first.lid()).isEqualTo(Jid.parse("77@lid"));
    }

    @Test
    void lidStoreKeysMappedPnAddressesByLidAndMigratesSessions() {
        MapLidMappings mappings = new MapLidMappings();
        InMemorySignalStore raw = new InMemorySignalStore(Curve25519.generateKeyPair(new FixedRandom("x")), 1);
        LidSignalStore store = new LidSignalStore(raw, mappings);
        raw.storeSession(new SignalAddress("155", 0), new byte[] {1});
        raw.storeSession(new SignalAddress("155", 4), new byte[] {4});
        raw.saveIdentity(new SignalAddress("155", 4), new byte[] {5});
        assertThat(store.loadSession(new SignalAddress("155", 4))).hasValue(new byte[] {4});
        mappings.store("155", "99");
        assertThat(store.resolve(new SignalAddress("155", 4))).isEqualTo(new SignalAddress("99_1", 4));
        assertThat(store.resolve(new SignalAddress("155_128", 99))).isEqualTo(new SignalAddress("99_129", 99));
        assertThat(store.resolve(new SignalAddress("99_1", 2))).isEqualTo(new SignalAddress("99_1", 2));
        assertThat(store.migrate("155", "99", List.of(0, 4, 7))).isEqualTo(2);
        assertThat(raw.loadSession(new SignalAddress("99_1", 4))).hasValue(new byte[] {4});
        assertThat(raw.loadIdentity(new SignalAddress("99_1", 4))).hasValue(new byte[] {5});
        assertThat(raw.loadSession(new SignalAddress("155", 4))).isEmpty();
        assertThat(store.loadSession(new SignalAddress("155", 0))).hasValue(new byte[] {1});
    }

    @Test
    void bundlesParseAndSkipUsersWithErrors() {
        Peer peer = new Peer(Jid.parse("5@s.whatsapp.net"), Jid.parse("6@lid"));
        Node answer = Node.of("iq", Attributes.of("type", "result"), List.of(Node.of("list", Attributes.empty(),
                List.of(peer.bundleUser(Jid.parse("6:2@lid")), Node.of("user", Attributes.of("jid", "7@lid"),
                        List.of(Node.of("error", Attributes.of("code", "404"))))))));
        var bundles = Bundles.parse(answer);
        assertThat(bundles).containsOnlyKeys(Jid.parse("6:2@lid"));
        assertThat(bundles.get(Jid.parse("6:2@lid")).deviceId()).isEqualTo(2);
        assertThat(bundles.get(Jid.parse("6:2@lid")).preKeyId()).isEqualTo(1);
        Node query = Bundles.query(List.of(Jid.parse("6:2@lid")));
        assertThat(query.attrs().asMap()).isEqualTo(Map.of("xmlns", "encrypt", "type", "get", "to",
                "@s.whatsapp.net"));
    }
}
