package dev.accord.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain room has no framework in it, and it reads no clock. */
class DomainIsFrameworkFreeTest {

    private static final JavaClasses ACCORD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.accord");

    @Test
    void domain_depends_on_no_framework_and_no_other_room() {
        noClasses().that().resideInAnyPackage("..initiative.domain..", "..alignment.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "io.quarkus..", "io.smallrye..", "io.vertx..", "org.hibernate..",
                        "com.fasterxml..", "org.apache.kafka..", "org.eclipse.microprofile..",
                        "dev.accord.eventstore..", "dev.accord.http..", "dev.accord.initiative.api..",
                        "dev.accord.initiative.application..", "dev.accord.initiative.readmodel..",
                        "dev.accord.alignment.api..", "dev.accord.alignment.readmodel..", "dev.accord.projection..")
                .check(ACCORD);
    }

    @Test
    void domain_never_reads_the_clock() {
        noClasses().that().resideInAnyPackage("..initiative.domain..", "..alignment.domain..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(ACCORD);
    }

    @Test
    void resources_never_hand_out_or_touch_entities() {
        noClasses().that().resideInAPackage("..initiative.api..")
                .should().dependOnClassesThat().areAnnotatedWith(jakarta.persistence.Entity.class)
                .check(ACCORD);
    }
}
