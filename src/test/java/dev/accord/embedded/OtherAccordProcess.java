package dev.accord.embedded;

import java.nio.file.Path;

/**
 * A second JVM running the embedded infrastructure until it is killed, so that the test can
 * SIGKILL a real process the way a crash or the OOM killer would.
 */
public final class OtherAccordProcess {

    static final String READY = "EMBEDDED-INFRASTRUCTURE-READY";

    private OtherAccordProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedSettings settings = new EmbeddedSettings("test", true, Path.of(args[0]),
                Integer.parseInt(args[2]), Integer.parseInt(args[1]), false, false);
        EmbeddedInfrastructure.start(settings);
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
