package dev.accord.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StartupBannerTest {

    @Test
    void passwords_in_database_urls_are_not_printed() {
        assertEquals("jdbc:postgresql://db:5432/accord?user=app&password=***&ssl=true",
                StartupBanner.withoutSecrets("jdbc:postgresql://db:5432/accord?user=app&password=s3cret&ssl=true"));
        assertEquals("postgresql://app:***@db:5432/accord",
                StartupBanner.withoutSecrets("postgresql://app:s3cret@db:5432/accord"));
    }

    @Test
    void urls_without_secrets_are_printed_as_they_are() {
        assertEquals("jdbc:postgresql://localhost:5433/accord",
                StartupBanner.withoutSecrets("jdbc:postgresql://localhost:5433/accord"));
    }
}
