package dev.accord.faults;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fault scenario's own world, started before its tests and stopped after them, so that each
 * scenario runs alone ({@code mvn -B verify -Dit.test=SigkillIT}) and none inherits another's
 * damage. Register it as {@code @RegisterExtension static final Scenario scenario = new Scenario("name")}.
 */
final class Scenario implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private FaultEnvironment environment;

    Scenario(String name) {
        this.name = name;
    }

    FaultEnvironment environment() {
        return environment;
    }

    Figures figures() {
        return new Figures(name);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        environment = FaultEnvironment.start(name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (environment != null) {
            environment.close();
        }
    }
}
