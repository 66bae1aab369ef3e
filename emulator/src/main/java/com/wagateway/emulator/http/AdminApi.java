package com.wagateway.emulator.http;

import com.wagateway.emulator.protocol.ChatServer;
import com.wagateway.emulator.protocol.ClientConnection;
import com.wagateway.emulator.protocol.ClientVersion;
import com.wagateway.emulator.protocol.ConnectionRegistry;
import com.wagateway.emulator.protocol.ConnectionState;
import com.wagateway.emulator.protocol.DeviceLinks;
import com.wagateway.emulator.protocol.PairingException;
import com.wagateway.emulator.protocol.PairingService;
import com.wagateway.emulator.store.DeviceRecord;
import com.wagateway.emulator.store.PhoneRecord;
import com.wagateway.emulator.store.PhoneStore;
import com.wagateway.whatsapp.crypto.RandomSource;
import com.wagateway.whatsapp.jid.Jid;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API (docs/emulator.md), independent of the HTTP server: a method, a path and a JSON body
 * in, an {@link ApiResponse} out.
 */
public final class AdminApi {

    private final JsonMapper mapper;
    private final PhoneStore phones;
    private final PairingService pairing;
    private final DeviceLinks links;
    private final ConnectionRegistry registry;
    private final ChatServer chat;
    private final FaultsAdmin faults;
    private final Map<String, Object> serverInfo;
    private final Messaging messaging;
    private final MediaAdmin media;

    public AdminApi(JsonMapper mapper, PhoneStore phones, PairingService pairing, DeviceLinks links,
                    ConnectionRegistry registry, ChatServer chat, Faults faults, RandomSource random,
                    Map<String, Object> serverInfo, Messaging messaging, MediaAdmin media) {
        this.messaging = messaging;
        this.media = media;
        this.mapper = mapper;
        this.phones = phones;
        this.pairing = pairing;
        this.links = links;
        this.registry = registry;
        this.chat = chat;
        this.faults = new FaultsAdmin(phones, registry, chat, faults, random, messaging, media);
        this.serverInfo = serverInfo;
    }

    public ApiResponse handle(String method, String path, String body) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                parts.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
        }
        try {
            return route(method, parts, body);
        } catch (BadRequest e) {
            return ApiResponse.error(400, e.getMessage());
        }
    }

    private ApiResponse route(String method, List<String> p, String body) throws BadRequest {
        if (p.size() == 1 && p.get(0).equals("phones")) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(phones.list().stream().map(this::phoneJson).toList());
                case "POST" -> createPhone(json(body));
                default -> notAllowed(method);
            };
        }
        if (p.size() == 2 && p.get(0).equals("phones")) {
            return method.equals("GET") ? getPhone(p.get(1)) : notAllowed(method);
        }
        if (p.size() == 3 && p.get(0).equals("phones") && p.get(2).equals("link")) {
            return method.equals("POST") ? link(p.get(1), json(body), false) : notAllowed(method);
        }
        if (p.size() == 3 && p.get(0).equals("phones") && p.get(2).equals("link-code")) {
            return method.equals("POST") ? link(p.get(1), json(body), true) : notAllowed(method);
        }
        if (p.size() == 3 && p.get(0).equals("phones") && p.get(2).equals("messages")) {
            return switch (method) {
                case "POST" -> messaging.send(p.get(1), json(body));
                case "GET" -> messaging.messages(p.get(1));
                default -> notAllowed(method);
            };
        }
        if (p.size() == 3 && p.get(0).equals("phones") && p.get(2).equals("read")) {
            return method.equals("POST") ? messaging.read(p.get(1), json(body)) : notAllowed(method);
        }
        if (p.size() == 3 && p.get(0).equals("phones") && (p.get(2).equals("offline") || p.get(2).equals("online"))) {
            return method.equals("POST") ? messaging.presence(p.get(1), p.get(2).equals("online")) : notAllowed(method);
        }
        if (p.size() == 1 && p.get(0).equals("groups")) {
            return method.equals("POST") ? messaging.createGroup(json(body)) : notAllowed(method);
        }
        if (p.size() == 2 && p.get(0).equals("groups")) {
            return method.equals("GET") ? messaging.group(p.get(1)) : notAllowed(method);
        }
        if (p.size() == 4 && p.get(0).equals("phones") && p.get(2).equals("devices")) {
            return method.equals("DELETE") ? unlink(p.get(1), p.get(3)) : notAllowed(method);
        }
        if (p.size() == 1 && p.get(0).equals("faults")) {
            return switch (method) {
                case "POST" -> faults.post(json(body));
                case "GET" -> ApiResponse.ok(faults.state());
                default -> notAllowed(method);
            };
        }
        if (p.size() == 1 && p.get(0).equals("settings")) {
            return switch (method) {
                case "GET" -> ApiResponse.ok(settings());
                case "PUT" -> putSettings(json(body));
                default -> notAllowed(method);
            };
        }
        if (p.size() == 1 && p.get(0).equals("media")) {
            return method.equals("GET") ? media.info() : notAllowed(method);
        }
        if (p.size() == 2 && p.get(0).equals("media") && p.get(1).equals("certificate")) {
            return method.equals("GET") ? media.certificate() : notAllowed(method);
        }
        if (p.size() == 1 && p.get(0).equals("server")) {
            return method.equals("GET") ? ApiResponse.ok(server()) : notAllowed(method);
        }
        return ApiResponse.error(404, "no such endpoint: " + String.join("/", p));
    }

    private ApiResponse createPhone(JsonNode body) throws BadRequest {
        String number = BadRequest.text(body, "phoneNumber");
        if (number == null) {
            throw new BadRequest("phoneNumber is required");
        }
        String digits = number.startsWith("+") ? number.substring(1) : number;
        if (!PhoneStore.isValidNumber(digits)) {
            throw new BadRequest("phoneNumber must be 6-18 digits (country code first, no '+')");
        }
        Optional<PhoneRecord> created = phones.create(digits);
        return created.map(phone -> new ApiResponse(201, phoneJson(phone)))
                .orElseGet(() -> ApiResponse.error(409, "phone " + digits + " exists already"));
    }

    private ApiResponse getPhone(String number) {
        return phones.get(number).map(phone -> ApiResponse.ok(phoneJson(phone)))
                .orElseGet(() -> ApiResponse.error(404, "no phone " + number));
    }

    private ApiResponse link(String number, JsonNode body, boolean byCode) throws BadRequest {
        if (phones.get(number).isEmpty()) {
            return ApiResponse.error(404, "no phone " + number);
        }
        String value = BadRequest.text(body, byCode ? "code" : "qr");
        if (value == null) {
            throw new BadRequest((byCode ? "code" : "qr") + " is required");
        }
        try {
            DeviceRecord device = byCode ? pairing.linkCode(number, value) : pairing.linkQr(number, value);
            PhoneRecord phone = phones.get(number).orElseThrow();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("deviceJid", phone.phoneNumber() + ":" + device.deviceId() + "@s.whatsapp.net");
            out.put("deviceLid", phone.lidUser() + ":" + device.deviceId() + "@lid");
            out.put("deviceId", device.deviceId());
            out.put("keyIndex", device.keyIndex());
            return ApiResponse.ok(out);
        } catch (PairingException e) {
            return ApiResponse.error(status(e.kind()), e.getMessage());
        }
    }

    static int status(PairingException.Kind kind) {
        return switch (kind) {
            case MALFORMED, EXPIRED, ALREADY_USED, NO_COMPANION, KEY_MISMATCH, WRONG_CODE, REJECTED -> 400;
            case NO_PHONE -> 404;
            case BUSY, DISCONNECTED, NO_DEVICE_SLOT -> 409;
            case TIMEOUT -> 504;
        };
    }

    private ApiResponse unlink(String number, String device) {
        if (phones.get(number).isEmpty()) {
            return ApiResponse.error(404, "no phone " + number);
        }
        int deviceId;
        Jid jid = Jid.tryParse(device);
        if (jid != null && device.contains("@")) {
            String owner = Jid.LID.equals(jid.server())
                    ? phones.byLid(jid.user()).map(PhoneRecord::phoneNumber).orElse(null) : jid.user();
            if (!number.equals(owner)) {
                return ApiResponse.error(404, device + " is not a device of " + number);
            }
            deviceId = jid.device();
        } else {
            try {
                deviceId = Integer.parseInt(device);
            } catch (NumberFormatException e) {
                return ApiResponse.error(400, "not a device JID or number: " + device);
            }
        }
        if (deviceId == 0) {
            return ApiResponse.error(400, "device 0 is the phone itself");
        }
        if (!links.unlink(number, deviceId, "phone_unlinked")) {
            return ApiResponse.error(404, "no device " + deviceId + " linked to " + number);
        }
        return ApiResponse.ok(Map.of("removed", number + ":" + deviceId + "@s.whatsapp.net"));
    }

    private Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("minClientVersion", chat.minClientVersion().map(ClientVersion::toString).orElse(null));
        return out;
    }

    private ApiResponse putSettings(JsonNode body) throws BadRequest {
        if (body.has("minClientVersion")) {
            JsonNode value = body.get("minClientVersion");
            try {
                chat.minClientVersion(value.isNull() ? null : ClientVersion.parse(value.asString()));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        }
        return ApiResponse.ok(settings());
    }

    private Map<String, Object> server() {
        Map<String, Object> out = new LinkedHashMap<>(serverInfo);
        int loggedIn = 0;
        int registering = 0;
        for (ClientConnection connection : registry.all()) {
            if (connection.state() instanceof ConnectionState.LoggedIn) {
                loggedIn++;
            } else if (connection.state() instanceof ConnectionState.Registering) {
                registering++;
            }
        }
        out.put("connections", registry.size());
        out.put("loggedIn", loggedIn);
        out.put("registering", registering);
        out.put("phones", phones.list().size());
        return out;
    }

    private Map<String, Object> phoneJson(PhoneRecord phone) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phoneNumber", phone.phoneNumber());
        out.put("jid", phone.phoneNumber() + "@s.whatsapp.net");
        out.put("lid", phone.lidUser() + "@lid");
        out.put("registrationId", phone.registrationId());
        out.put("identityKey", Base64.getEncoder().encodeToString(phone.identity().publicKey()));
        out.put("createdAt", phone.createdAt().toString());
        out.put("online", messaging.online(phone.phoneNumber()));
        List<Map<String, Object>> devices = new ArrayList<>();
        for (DeviceRecord device : phone.devices()) {
            Map<String, Object> d = new LinkedHashMap<>();
            String jid = phone.phoneNumber() + ":" + device.deviceId() + "@s.whatsapp.net";
            d.put("deviceId", device.deviceId());
            d.put("jid", jid);
            d.put("lid", phone.lidUser() + ":" + device.deviceId() + "@lid");
            d.put("keyIndex", device.keyIndex());
            d.put("platform", device.platform());
            d.put("linkedAt", device.linkedAt().toString());
            d.put("preKeyCount", device.preKeyCount());
            d.put("connected", registry.device(jid).isPresent());
            devices.add(d);
        }
        out.put("devices", devices);
        return out;
    }

    private JsonNode json(String body) throws BadRequest {
        if (body == null || body.isBlank()) {
            throw new BadRequest("a JSON object body is required");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (!node.isObject()) {
                throw new BadRequest("the body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new BadRequest("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static ApiResponse notAllowed(String method) {
        return ApiResponse.error(405, "method " + method + " not allowed here");
    }
}
