package dev.accord.readmodel;

/** A reader waits for a version beyond the initiative's latest recorded one, which may never come. */
public final class VersionNotRecorded extends RuntimeException {

    public VersionNotRecorded(long minVersion, long latest) {
        super("minVersion " + minVersion + " is beyond the initiative's latest recorded version, " + latest,
                null, false, false);
    }
}
