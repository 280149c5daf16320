package dev.accord.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessPolicyTest {

    private static final String INITIATIVES = "/api/v1/initiatives";
    private static final String PEOPLE = "/api/v1/people";

    @Test
    void every_read_needs_the_read_role_and_every_other_method_the_write_role() {
        assertEquals(Role.READ, AccessPolicy.required("GET", INITIATIVES));
        assertEquals(Role.READ, AccessPolicy.required("HEAD", "/api/v1/initiatives/{initiativeId}/alignment"));
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertEquals(Role.WRITE, AccessPolicy.required(method, INITIATIVES), method);
        }
    }

    @Test
    void anything_under_the_admin_path_needs_the_admin_role_whatever_the_method() {
        assertEquals(Role.ADMIN, AccessPolicy.required("GET", "/api/v1/admin/projections"));
        assertEquals(Role.ADMIN, AccessPolicy.required("POST", "/api/v1/admin/projections"));
        assertEquals(Role.ADMIN, AccessPolicy.required("DELETE", "/api/v1/admin"));
        assertEquals(Role.READ, AccessPolicy.required("GET", "/api/v1/administrators"));
    }

    @Test
    void webhook_subscriptions_need_the_admin_role_to_be_listed_made_or_removed() {
        assertEquals(Role.ADMIN, AccessPolicy.required("GET", "/api/v1/webhooks"));
        assertEquals(Role.ADMIN, AccessPolicy.required("POST", "/api/v1/webhooks"));
        assertEquals(Role.ADMIN, AccessPolicy.required("DELETE", "/api/v1/webhooks/{id}"));
        assertEquals(Role.READ, AccessPolicy.required("GET", "/api/v1/webhooksettings"));
    }

    @Test
    void no_role_implies_another() {
        Caller admin = Caller.of("ops", List.of("accord.admin"));
        assertFalse(AccessPolicy.permits(admin, Role.READ, Optional.empty()));
        assertFalse(AccessPolicy.permits(admin, Role.WRITE, Optional.empty()));
        assertTrue(AccessPolicy.permits(admin, Role.ADMIN, Optional.empty()));
        Caller writer = Caller.of("ana", List.of("accord.write", "some-other-group"));
        assertFalse(AccessPolicy.permits(writer, Role.READ, Optional.empty()));
        assertEquals(Set.of(Role.WRITE), writer.roles());
    }

    @Test
    void a_person_may_read_their_own_engagement_only() {
        Caller ana = Caller.of("ana", List.of());
        assertEquals(Optional.of("ana"), AccessPolicy.engagementOf("GET", PEOPLE, "ana"));
        assertTrue(AccessPolicy.permits(ana, Role.READ, AccessPolicy.engagementOf("GET", PEOPLE, "ana")));
        assertFalse(AccessPolicy.permits(ana, Role.READ, AccessPolicy.engagementOf("GET", PEOPLE, "bo")));
        assertFalse(AccessPolicy.permits(ana, Role.READ, AccessPolicy.engagementOf("GET", INITIATIVES, "ana")));
        assertFalse(AccessPolicy.permits(ana, Role.WRITE, Optional.of("ana")));
    }

    @Test
    void a_subject_that_cannot_be_recorded_as_an_actor_is_named() {
        assertTrue(Caller.unusableSubject(null).isPresent());
        assertTrue(Caller.unusableSubject(" ").isPresent());
        assertTrue(Caller.unusableSubject("x".repeat(Caller.MAX_SUBJECT_LENGTH + 1)).isPresent());
        assertEquals(Optional.empty(), Caller.unusableSubject("x".repeat(Caller.MAX_SUBJECT_LENGTH)));
    }
}
