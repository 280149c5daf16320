package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeCommand.JoinInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LaunchInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LeaveInitiative;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Builders for the domain tests: a realistic initiative without copy-pasted literals. */
final class Fixtures {

    static final UUID INITIATIVE = UUID.fromString("5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10");
    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    static final Person SPONSOR = new Person("sam.sponsor", "Sam Sponsor", "exec", "Sponsor");

    private Fixtures() {
    }

    static LaunchInitiative aLaunch() {
        return new LaunchInitiative(INITIATIVE, "Grow EMEA", "Be the trusted partner of mid-size firms", SPONSOR,
                List.of("exec", "sales", "finance"), "2027-06-30", NOW);
    }

    static InitiativeLaunched launched() {
        return new InitiativeLaunched(INITIATIVE, "Grow EMEA", "Be the trusted partner of mid-size firms", SPONSOR,
                List.of("exec", "sales", "finance"), LocalDate.parse("2027-06-30"));
    }

    static JoinInitiative join(String personId, String unit) {
        return new JoinInitiative(INITIATIVE, personId, displayName(personId), unit, "Member", NOW);
    }

    static ParticipantJoined joined(String personId, String unit) {
        return new ParticipantJoined(INITIATIVE, personId, displayName(personId), unit, "Member");
    }

    static LeaveInitiative leave(String personId) {
        return new LeaveInitiative(INITIATIVE, personId, null, NOW);
    }

    static ParticipantLeft left(String personId) {
        return new ParticipantLeft(INITIATIVE, personId, null);
    }

    private static String displayName(String personId) {
        return personId.substring(0, 1).toUpperCase() + personId.substring(1);
    }
}
