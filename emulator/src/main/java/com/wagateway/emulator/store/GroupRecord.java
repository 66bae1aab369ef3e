package com.wagateway.emulator.store;

import java.time.Instant;
import java.util.List;

/**
 * A group chat ({@code <id>@g.us}) between accounts of this emulator. Groups are LID-addressed, as new
 * groups are on WhatsApp today (fact sheet §10.0): members are listed by LID with their phone number.
 *
 * @param id      the user part of the group JID (e.g. {@code 120363012345678901})
 * @param creator the phone number of the account that created it (a superadmin)
 * @param members phone numbers of the participants, the creator first
 */
public record GroupRecord(String id, String subject, Instant creation, String creator, List<String> members) {

    public GroupRecord {
        members = members == null ? List.of() : List.copyOf(members);
    }

    public String jid() {
        return id + "@g.us";
    }

    public boolean isMember(String phoneNumber) {
        return members.contains(phoneNumber);
    }
}
